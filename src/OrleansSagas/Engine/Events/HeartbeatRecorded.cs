namespace OrleansSagas.Engine.Events;

/// <summary>A running attempt of a step with a heartbeat interval sent a heartbeat; its heartbeat deadline moved.</summary>
/// <param name="Node">The step name.</param>
/// <param name="Attempt">The attempt that is alive.</param>
/// <param name="DueAt">The new heartbeat deadline.</param>
public sealed record HeartbeatRecorded(string Node, int Attempt, DateTimeOffset DueAt) : SagaEvent;
