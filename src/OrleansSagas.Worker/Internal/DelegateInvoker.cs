using System.Text.Json;

namespace OrleansSagas.Worker.Internal;

/// <summary>Runs a handler given as a delegate over raw JSON.</summary>
internal sealed class DelegateInvoker(Func<JsonElement, ActivityContext, Task<JsonElement>> handler) : IActivityInvoker
{
    public async Task<JsonElement> InvokeAsync(IServiceProvider services, JsonElement input, ActivityContext context, JsonSerializerOptions json)
    {
        var output = await handler(input.ValueKind == JsonValueKind.Undefined ? default : input, context).ConfigureAwait(false);
        return output.ValueKind == JsonValueKind.Undefined ? JsonSerializer.SerializeToElement<object?>(null, json) : output;
    }
}
