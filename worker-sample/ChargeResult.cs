namespace OrleansSagas.WorkerSample;

/// <summary>The output of <c>charge-card</c>.</summary>
/// <param name="ChargeId">The id of the charge, needed to refund it.</param>
/// <param name="Amount">How much was charged.</param>
/// <param name="Worker">The worker that charged.</param>
public sealed record ChargeResult(string ChargeId, decimal Amount, string Worker);
