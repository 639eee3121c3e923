namespace OrleansSagas.Engine.Events;

/// <summary>An attempt of a step's action was scheduled; it is recorded before the action runs (write-ahead).</summary>
/// <param name="Node">The step name.</param>
/// <param name="Attempt">The attempt number, starting at 1.</param>
/// <param name="TimeoutAt">When the attempt times out (timer "attempt-timeout:{node}:{attempt}"); null without a per-attempt timeout.</param>
public sealed record ActionScheduled(string Node, int Attempt, DateTimeOffset? TimeoutAt) : SagaEvent
{
    /// <summary>When the attempt fails with States.HeartbeatTimeout unless a heartbeat arrives first; null without a heartbeat interval.</summary>
    public DateTimeOffset? HeartbeatDueAt { get; init; }
}
