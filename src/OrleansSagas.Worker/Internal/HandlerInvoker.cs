using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansSagas.Worker.Internal;

/// <summary>Resolves <typeparamref name="THandler"/> from a fresh scope per task and converts its input and output.</summary>
internal sealed class HandlerInvoker<THandler, TInput, TOutput> : IActivityInvoker
    where THandler : class, IActivityHandler<TInput, TOutput>
{
    public async Task<JsonElement> InvokeAsync(IServiceProvider services, JsonElement input, ActivityContext context, JsonSerializerOptions json)
    {
        var value = input.ValueKind == JsonValueKind.Undefined ? default : input.Deserialize<TInput>(json);
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            var output = await handler.HandleAsync(value!, context).ConfigureAwait(false);
            return output is JsonElement { ValueKind: JsonValueKind.Undefined }
                ? JsonSerializer.SerializeToElement<object?>(null, json)
                : JsonSerializer.SerializeToElement(output, json);
        }
    }
}
