using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>TaskScheduled: a Task state's resource is to be invoked (the write-ahead record of the InvokeTask effect).</summary>
public sealed record TaskScheduledEvent : AslHistoryEvent
{
    /// <summary>The execution path running the Task state.</summary>
    public required string FrameId { get; init; }

    /// <summary>The Task state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>The task id echoed by AslTaskSucceeded/AslTaskFailed.</summary>
    public required string TaskId { get; init; }

    /// <summary>The Resource as written in the definition.</summary>
    public required string Resource { get; init; }

    /// <summary>The effective parameters.</summary>
    public JsonNode? Parameters { get; init; }

    /// <summary>The callback token for ".waitForTaskToken" resources.</summary>
    public string? TaskToken { get; init; }

    /// <summary>1 for the first invocation, then one more per retry.</summary>
    public int Attempt { get; init; }

    /// <summary>The effective TimeoutSeconds.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The effective HeartbeatSeconds.</summary>
    public int? HeartbeatSeconds { get; init; }

    /// <summary>The timer for TimeoutSeconds.</summary>
    public string? TimeoutTimerId { get; init; }

    /// <summary>When the task times out.</summary>
    public DateTimeOffset? TimeoutDueAt { get; init; }

    /// <summary>The timer for HeartbeatSeconds.</summary>
    public string? HeartbeatTimerId { get; init; }

    /// <summary>When the task times out for lack of a heartbeat.</summary>
    public DateTimeOffset? HeartbeatDueAt { get; init; }
}
