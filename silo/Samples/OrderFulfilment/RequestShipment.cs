using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.OrderFulfilment;

/// <summary>
/// Hands the warehouse the step's task token; the step then waits until the warehouse reports with it. A real warehouse
/// gets it in a message; this sample logs it, and writes it to <c>{HoldDirectory}/{sagaId}.ship-token</c> when
/// <see cref="SampleOptions.HoldDirectory"/> is set.
/// </summary>
public sealed partial class RequestShipment(SampleStepHooks hooks, IOptions<SampleOptions> options, ILogger<RequestShipment> logger)
    : ISagaStep<ShipmentRequest, ShipmentRequest>
{
    /// <inheritdoc />
    public async Task<ShipmentRequest> ExecuteAsync(ShipmentRequest input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await hooks.BeforeAsync(context, failAt: null, holdAt: null).ConfigureAwait(false);
        var token = context.TaskToken!;
        LogShipmentRequested(logger, context.SagaId, token);
        if (options.Value.HoldDirectory is { } folder)
            await File.WriteAllTextAsync(Path.Combine(folder, $"{context.SagaId}.ship-token"), token, context.CancellationToken).ConfigureAwait(false);
        return input;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {SagaId}: shipment requested; the warehouse reports with POST /api/tasks/success and task token {TaskToken}.")]
    private static partial void LogShipmentRequested(ILogger logger, string sagaId, string taskToken);
}
