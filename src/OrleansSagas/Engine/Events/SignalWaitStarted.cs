namespace OrleansSagas.Engine.Events;

/// <summary>A signal node began waiting for its signal.</summary>
/// <param name="Node">The signal node.</param>
/// <param name="Attempt">The attempt number, starting at 1.</param>
/// <param name="TimeoutAt">When the wait fails with States.Timeout (timer "signal-timeout:{node}:{attempt}"); null waits forever.</param>
public sealed record SignalWaitStarted(string Node, int Attempt, DateTimeOffset? TimeoutAt) : SagaEvent;
