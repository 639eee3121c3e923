namespace OrleansSagas.Engine.Messages;

/// <summary>A running attempt says it is alive (state machine tasks with HeartbeatSeconds); builder sagas ignore it.</summary>
/// <param name="Node">The step (or state machine task id).</param>
/// <param name="Attempt">The attempt that is alive.</param>
public sealed record StepHeartbeat(string Node, int Attempt) : SagaMessage;
