namespace OrleansSagas.StatesLanguage.Execution.Messages;

/// <summary>A worker signals that a task with HeartbeatSeconds is still alive; the heartbeat timer restarts.</summary>
/// <param name="TaskId">The id from the InvokeTask effect.</param>
public sealed record AslTaskHeartbeat(string TaskId) : AslMessage;
