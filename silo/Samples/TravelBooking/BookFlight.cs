using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>Books the flight.</summary>
public sealed class BookFlight(SampleStepHooks hooks, ILogger<BookFlight> logger) : ISagaStep<TripRequest, Booking>
{
    /// <inheritdoc />
    public async Task<Booking> ExecuteAsync(TripRequest input, StepContext context)
    {
        await hooks.BeforeAsync(context, input.FailAt, input.HoldAt).ConfigureAwait(false);
        var booking = new Booking(References.For("FL", context.IdempotencyKey), $"flight {input.From} to {input.To}");
        TravelBookingLog.Booking(logger, booking.Description, input.Customer, booking.Confirmation, context.IdempotencyKey, context.Attempt);
        return booking;
    }
}
