using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>Cancels the hotel (the undo of book-hotel).</summary>
public sealed class CancelHotel(SampleStepHooks hooks, ILogger<CancelHotel> logger) : ISagaUndo<TripRequest, Booking>
{
    /// <inheritdoc />
    public async Task UndoAsync(TripRequest input, Booking actionOutput, StepContext context)
    {
        await hooks.BeforeAsync(context, input.FailAt, input.HoldAt).ConfigureAwait(false);
        TravelBookingLog.Cancelling(logger, actionOutput.Description, actionOutput.Confirmation, input.Customer, context.IdempotencyKey);
    }
}
