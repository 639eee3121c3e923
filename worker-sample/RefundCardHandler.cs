using System.Text.Json;
using OrleansSagas.Worker;

namespace OrleansSagas.WorkerSample;

/// <summary>Refunds a charge (pretends to): takes the raw JSON input (e.g. <c>{"chargeId": "ch-…"}</c>) and answers <c>{"refunded": true, "chargeId": …}</c>.</summary>
public sealed class RefundCardHandler : IActivityHandler<JsonElement, JsonElement>
{
    /// <inheritdoc />
    public Task<JsonElement> HandleAsync(JsonElement input, ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chargeId = input.ValueKind == JsonValueKind.Object && input.TryGetProperty("chargeId", out var id) ? id.GetString() : null;
        Console.WriteLine($"task succeeded {context.ActivityName} {context.TaskToken}");
        return Task.FromResult(JsonSerializer.SerializeToElement(new { refunded = true, chargeId }));
    }
}
