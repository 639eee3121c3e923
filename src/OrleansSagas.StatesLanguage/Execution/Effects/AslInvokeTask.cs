using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.Effects;

/// <summary>Run a Task state's resource; answer later with AslTaskSucceeded / AslTaskFailed carrying <see cref="TaskId"/>.</summary>
public sealed record AslInvokeTask : AslEffect
{
    /// <summary>Unique within the execution and stable across replays; use it (with the execution id) as idempotency key.</summary>
    public required string TaskId { get; init; }

    /// <summary>The Task state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>The Resource exactly as written in the definition (e.g. "handler:charge-card", an activity or service ARN).</summary>
    public required string Resource { get; init; }

    /// <summary>The effective parameters (after InputPath and Parameters).</summary>
    public JsonNode? Parameters { get; init; }

    /// <summary>Set when the resource ends with ".waitForTaskToken": the callback token ($$.Task.Token).</summary>
    public string? TaskToken { get; init; }

    /// <summary>TimeoutSeconds of the state, if any (the interpreter also arms a timer for it).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>HeartbeatSeconds of the state, if any (the interpreter also arms a timer for it).</summary>
    public int? HeartbeatSeconds { get; init; }

    /// <summary>1 for the first invocation, 2 for the first retry, and so on.</summary>
    public int Attempt { get; init; }
}
