namespace OrleansSagas.Engine.Messages;

/// <summary>A running attempt says it is alive: it moves the heartbeat deadline of state machine tasks with HeartbeatSeconds and of steps with a heartbeat interval.</summary>
/// <param name="Node">The step (or state machine task id).</param>
/// <param name="Attempt">The attempt that is alive.</param>
public sealed record StepHeartbeat(string Node, int Attempt) : SagaMessage;
