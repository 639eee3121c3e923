using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>MapIterationStarted, MapIterationSucceeded or MapIterationFailed.</summary>
public sealed record MapIterationEvent : AslHistoryEvent
{
    /// <summary>The execution path running the Map state (the iteration gets its own path).</summary>
    public required string FrameId { get; init; }

    /// <summary>The Map state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>The item index.</summary>
    public int Index { get; init; }

    /// <summary>Started: the iteration input (after ItemSelector).</summary>
    public JsonNode? Input { get; init; }

    /// <summary>Succeeded: the iteration output.</summary>
    public JsonNode? Output { get; init; }

    /// <summary>Failed: the error name.</summary>
    public string? Error { get; init; }

    /// <summary>Failed: the cause.</summary>
    public string? Cause { get; init; }
}
