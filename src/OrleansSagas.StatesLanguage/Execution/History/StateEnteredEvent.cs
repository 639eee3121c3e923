using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>{Type}StateEntered, e.g. PassStateEntered: a path of the execution entered a state with this input.</summary>
public sealed record StateEnteredEvent : AslHistoryEvent
{
    /// <summary>The execution path (root, a Parallel branch or a Map iteration) that entered the state.</summary>
    public required string FrameId { get; init; }

    /// <summary>The state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>The raw state input.</summary>
    public JsonNode? Input { get; init; }

    /// <summary>Wait states: the timer armed for the wait.</summary>
    public string? TimerId { get; init; }

    /// <summary>Wait states: when the wait ends.</summary>
    public DateTimeOffset? TimerDueAt { get; init; }
}
