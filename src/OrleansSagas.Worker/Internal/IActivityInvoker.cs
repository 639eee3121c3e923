using System.Text.Json;

namespace OrleansSagas.Worker.Internal;

/// <summary>Runs one task's handler: reads the input, calls the handler, writes the output.</summary>
internal interface IActivityInvoker
{
    Task<JsonElement> InvokeAsync(IServiceProvider services, JsonElement input, ActivityContext context, JsonSerializerOptions json);
}
