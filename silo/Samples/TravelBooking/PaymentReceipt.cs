namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>The output of process-payment.</summary>
/// <param name="PaymentId">The payment reference (the same on every re-run of the step).</param>
/// <param name="Amount">What was charged.</param>
public sealed record PaymentReceipt(string PaymentId, decimal Amount);
