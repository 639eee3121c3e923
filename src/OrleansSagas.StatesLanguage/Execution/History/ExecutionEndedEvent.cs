using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut or ExecutionAborted.</summary>
public sealed record ExecutionEndedEvent : AslHistoryEvent
{
    /// <summary>The output (ExecutionSucceeded).</summary>
    public JsonNode? Output { get; init; }

    /// <summary>The error name (other outcomes); null when a Fail state gave none.</summary>
    public string? Error { get; init; }

    /// <summary>The cause (other outcomes); null when a Fail state gave none.</summary>
    public string? Cause { get; init; }
}
