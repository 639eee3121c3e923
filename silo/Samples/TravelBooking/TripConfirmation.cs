namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>The output of the saga: what the customer was told.</summary>
/// <param name="Customer">Who travels.</param>
/// <param name="PaymentId">The payment reference.</param>
/// <param name="Flight">The flight reference.</param>
/// <param name="Hotel">The hotel reference.</param>
/// <param name="Message">The notification sent.</param>
public sealed record TripConfirmation(string Customer, string PaymentId, string Flight, string Hotel, string Message);
