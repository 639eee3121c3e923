namespace OrleansSagas.WorkerSample;

/// <summary>
/// The input of <c>charge-card</c> (any other fields of the saga's input are ignored). <see cref="SleepMs"/> and
/// <see cref="Fail"/> let tests and demos make the charge slow or fail.
/// </summary>
/// <param name="Customer">Who pays.</param>
/// <param name="Amount">How much.</param>
/// <param name="SleepMs">How long the charge takes, in milliseconds (default 0).</param>
/// <param name="Fail">When set, the charge fails with this error name (e.g. <c>Card.Declined</c>).</param>
/// <param name="Cause">The failure's cause text.</param>
/// <param name="SlowWorker">When set, only the worker of this name takes <see cref="SleepMs"/>; others charge at once.</param>
public sealed record ChargeRequest(string? Customer, decimal Amount, int SleepMs = 0, string? Fail = null, string? Cause = null, string? SlowWorker = null);
