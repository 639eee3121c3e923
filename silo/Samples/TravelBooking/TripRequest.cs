namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>The input of a travel-booking saga.</summary>
/// <param name="Customer">Who travels (and pays).</param>
/// <param name="Amount">What the trip costs.</param>
/// <param name="From">Where the flight leaves from.</param>
/// <param name="To">Where the flight goes (and the hotel is).</param>
/// <param name="DelaySeconds">How long the durable wait before notifying the customer lasts; 0 when absent.</param>
/// <param name="FailAt">A step that fails for good, to watch a compensation (e.g. "book-hotel").</param>
/// <param name="HoldAt">A testing knob: a step that blocks until released (see <see cref="SampleOptions.HoldDirectory"/>).</param>
public sealed record TripRequest(string Customer, decimal Amount, string From, string To, int? DelaySeconds = null, string? FailAt = null, string? HoldAt = null);
