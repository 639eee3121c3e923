using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>TaskStarted, TaskSucceeded, TaskFailed, TaskTimedOut or TaskHeartbeat.</summary>
public sealed record TaskProgressEvent : AslHistoryEvent
{
    /// <summary>The execution path running the Task state.</summary>
    public required string FrameId { get; init; }

    /// <summary>The Task state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>The task id; null for a TaskFailed raised before the resource was invoked (bad Parameters).</summary>
    public string? TaskId { get; init; }

    /// <summary>TaskSucceeded: the task result.</summary>
    public JsonNode? Output { get; init; }

    /// <summary>TaskFailed/TaskTimedOut: the error name.</summary>
    public string? Error { get; init; }

    /// <summary>TaskFailed/TaskTimedOut: the cause.</summary>
    public string? Cause { get; init; }

    /// <summary>Set when a retrier matched: the timer after which the state runs again.</summary>
    public string? RetryTimerId { get; init; }

    /// <summary>When the retry is due.</summary>
    public DateTimeOffset? RetryDueAt { get; init; }

    /// <summary>TaskHeartbeat: the restarted heartbeat timer.</summary>
    public string? HeartbeatTimerId { get; init; }

    /// <summary>TaskHeartbeat: when the restarted heartbeat timer is due.</summary>
    public DateTimeOffset? HeartbeatDueAt { get; init; }
}
