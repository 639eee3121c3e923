using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>What a frame is doing between decisions.</summary>
internal enum FramePhase
{
    /// <summary>About to enter <see cref="FrameState.PendingState"/>.</summary>
    Ready,

    /// <summary>Inside a state, within the current decision.</summary>
    Running,

    /// <summary>Waiting for a task result.</summary>
    AwaitTask,

    /// <summary>Waiting for a Wait state's timer.</summary>
    AwaitTimer,

    /// <summary>Waiting for a retry delay.</summary>
    AwaitRetry,

    /// <summary>Waiting for Parallel branches or Map iterations.</summary>
    AwaitChildren,

    /// <summary>Finished its last state (Map iterations wait here for MapIterationSucceeded).</summary>
    Completed,
}

/// <summary>Which kind of path a frame is.</summary>
internal enum FrameKind
{
    Root,
    Branch,
    Iteration,
}

/// <summary>
/// One path of an execution: the root, a Parallel branch or a Map iteration. Built only by the history fold, so
/// the whole execution state can be rebuilt from events.
/// </summary>
internal sealed class FrameState
{
    public string Id { get; set; } = string.Empty;

    public string? ParentId { get; set; }

    public FrameKind Kind { get; set; }

    /// <summary>Branch index or item index inside the parent state.</summary>
    public int Index { get; set; }

    /// <summary>The Parallel/Map state (in the parent frame) that owns this frame's block.</summary>
    public string? OwnerState { get; set; }

    /// <summary>Creation order, used to advance frames deterministically.</summary>
    public long Sequence { get; set; }

    public FramePhase Phase { get; set; }

    public string? PendingState { get; set; }

    public JsonNode? PendingInput { get; set; }

    public string? CurrentState { get; set; }

    public JsonNode? Input { get; set; }

    public long EnteredEventId { get; set; }

    public DateTimeOffset EnteredTime { get; set; }

    public int RetryCount { get; set; }

    public string? TaskId { get; set; }

    public string? TimerId { get; set; }

    public JsonNode? Output { get; set; }

    public Dictionary<string, JsonNode?> Variables { get; set; } = new(StringComparer.Ordinal);

    public ContainerState? Container { get; set; }
}

/// <summary>Bookkeeping of a running Parallel or Map state.</summary>
internal sealed class ContainerState
{
    public bool IsMap { get; set; }

    public JsonNode? Input { get; set; }

    public JsonArray? Items { get; set; }

    public int Length { get; set; }

    public JsonArray Results { get; set; } = [];

    public int NextIndex { get; set; }

    public int Running { get; set; }

    public int Succeeded { get; set; }

    public int Failed { get; set; }

    public int MaxConcurrency { get; set; }

    public int? ToleratedFailureCount { get; set; }

    public double? ToleratedFailurePercentage { get; set; }

    public List<string> Children { get; set; } = [];
}
