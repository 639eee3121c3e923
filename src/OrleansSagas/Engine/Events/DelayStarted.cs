namespace OrleansSagas.Engine.Events;

/// <summary>A delay node began its durable wait.</summary>
/// <param name="Node">The delay node.</param>
/// <param name="Attempt">The attempt number, starting at 1.</param>
/// <param name="DueAt">When the wait ends (timer "delay:{node}:{attempt}"); at or before the event time the node succeeds at once.</param>
public sealed record DelayStarted(string Node, int Attempt, DateTimeOffset DueAt) : SagaEvent;
