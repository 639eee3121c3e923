using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>Charges the customer. The payment id comes from the idempotency key, so a re-run charges nothing twice.</summary>
public sealed class ProcessPayment(SampleStepHooks hooks, ILogger<ProcessPayment> logger) : ISagaStep<TripRequest, PaymentReceipt>
{
    /// <inheritdoc />
    public async Task<PaymentReceipt> ExecuteAsync(TripRequest input, StepContext context)
    {
        await hooks.BeforeAsync(context, input.FailAt, input.HoldAt).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(input.Customer)) throw new StepFailedException("InvalidTrip", "The trip has no customer.");
        if (input.Amount <= 0) throw new StepFailedException("InvalidTrip", $"The amount must be positive (was {input.Amount}).");
        var receipt = new PaymentReceipt(References.For("PAY", context.IdempotencyKey), input.Amount);
        TravelBookingLog.Charging(logger, input.Customer, input.Amount, receipt.PaymentId, context.IdempotencyKey, context.Attempt);
        return receipt;
    }
}
