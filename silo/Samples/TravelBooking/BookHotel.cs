using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>Books the hotel.</summary>
public sealed class BookHotel(SampleStepHooks hooks, ILogger<BookHotel> logger) : ISagaStep<TripRequest, Booking>
{
    /// <inheritdoc />
    public async Task<Booking> ExecuteAsync(TripRequest input, StepContext context)
    {
        await hooks.BeforeAsync(context, input.FailAt, input.HoldAt).ConfigureAwait(false);
        var booking = new Booking(References.For("HT", context.IdempotencyKey), $"hotel in {input.To}");
        TravelBookingLog.Booking(logger, booking.Description, input.Customer, booking.Confirmation, context.IdempotencyKey, context.Attempt);
        return booking;
    }
}
