namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>The output of book-flight and book-hotel.</summary>
/// <param name="Confirmation">The booking reference (the same on every re-run of the step).</param>
/// <param name="Description">What was booked.</param>
public sealed record Booking(string Confirmation, string Description);
