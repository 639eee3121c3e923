using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>Cancels the flight (the undo of book-flight).</summary>
public sealed class CancelFlight(SampleStepHooks hooks, ILogger<CancelFlight> logger) : ISagaUndo<TripRequest, Booking>
{
    /// <inheritdoc />
    public async Task UndoAsync(TripRequest input, Booking actionOutput, StepContext context)
    {
        await hooks.BeforeAsync(context, input.FailAt, input.HoldAt).ConfigureAwait(false);
        TravelBookingLog.Cancelling(logger, actionOutput.Description, actionOutput.Confirmation, input.Customer, context.IdempotencyKey);
    }
}
