using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>Tells the customer the trip is booked; reads the outputs of the steps before it.</summary>
public sealed class NotifyCustomer(SampleStepHooks hooks, ILogger<NotifyCustomer> logger) : ISagaStep<TripRequest, TripConfirmation>
{
    /// <inheritdoc />
    public async Task<TripConfirmation> ExecuteAsync(TripRequest input, StepContext context)
    {
        await hooks.BeforeAsync(context, input.FailAt, input.HoldAt).ConfigureAwait(false);
        var payment = context.GetOutput<PaymentReceipt>(TravelBookingSaga.ProcessPayment);
        var flight = context.GetOutput<Booking>(TravelBookingSaga.BookFlight);
        var hotel = context.GetOutput<Booking>(TravelBookingSaga.BookHotel);
        var message = $"Your trip {input.From} to {input.To} is booked: flight {flight.Confirmation}, hotel {hotel.Confirmation}, paid {payment.Amount}.";
        TravelBookingLog.Notifying(logger, input.Customer, message, context.IdempotencyKey);
        return new TripConfirmation(input.Customer, payment.PaymentId, flight.Confirmation, hotel.Confirmation, message);
    }
}
