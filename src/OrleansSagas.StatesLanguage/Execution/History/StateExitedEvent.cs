using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>{Type}StateExited: the state finished with this output and moves to <see cref="Next"/> (null: end of its path).</summary>
public sealed record StateExitedEvent : AslHistoryEvent
{
    /// <summary>The execution path that exits the state.</summary>
    public required string FrameId { get; init; }

    /// <summary>The state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>The state output.</summary>
    public JsonNode? Output { get; init; }

    /// <summary>Variables assigned by the state's (or the matched rule's or catcher's) Assign.</summary>
    public JsonObject? AssignedVariables { get; init; }

    /// <summary>The next state, or null when this state ends its path (End, Succeed).</summary>
    public string? Next { get; init; }
}
