using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>Refunds the payment (the undo of process-payment); refunding the same payment twice is a no-op at the bank.</summary>
public sealed class RefundPayment(SampleStepHooks hooks, ILogger<RefundPayment> logger) : ISagaUndo<TripRequest, PaymentReceipt>
{
    /// <inheritdoc />
    public async Task UndoAsync(TripRequest input, PaymentReceipt actionOutput, StepContext context)
    {
        await hooks.BeforeAsync(context, input.FailAt, input.HoldAt).ConfigureAwait(false);
        TravelBookingLog.Refunding(logger, actionOutput.PaymentId, actionOutput.Amount, input.Customer, context.IdempotencyKey);
    }
}
