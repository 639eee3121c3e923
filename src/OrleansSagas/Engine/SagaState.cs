using System.Collections.Immutable;
using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine;

/// <summary>
/// The state of one saga instance: the fold of its event log (see <see cref="SagaDecider.Apply"/>).
/// Immutable; the runtime only caches it.
/// </summary>
public sealed record SagaState
{
    /// <summary>The state before any event: not started.</summary>
    public static SagaState Empty { get; } = new();

    /// <summary>True once <c>SagaStarted</c> has been applied.</summary>
    public bool IsStarted { get; init; }

    /// <summary>The saga id.</summary>
    public string SagaId { get; init; } = "";

    /// <summary>The definition name.</summary>
    public string Definition { get; init; } = "";

    /// <summary>The definition version.</summary>
    public int Version { get; init; }

    /// <summary>The saga input.</summary>
    public JsonElement Input { get; init; }

    /// <summary>The parent saga id when this is a child saga.</summary>
    public string? ParentId { get; init; }

    /// <summary>The parent node that started this child saga.</summary>
    public string? ParentNode { get; init; }

    /// <summary>The current status.</summary>
    public SagaStatus Status { get; init; }

    /// <summary>The output once succeeded.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Why the saga unwound, got stuck or failed.</summary>
    public SagaError? Error { get; init; }

    /// <summary>The node whose undo failed when <see cref="Status"/> is Stuck.</summary>
    public string? StuckNode { get; init; }

    /// <summary>How many events have been applied (the saga's version).</summary>
    public long EventCount { get; init; }

    /// <summary>When the saga started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last event was recorded.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Every node with its status and attempts, in the graph's topological order.</summary>
    public IReadOnlyList<StepSummary> Steps { get; init; } = [];

    /// <summary>Per-node engine state; a node absent from the map is pending.</summary>
    internal ImmutableSortedDictionary<string, NodeState> Nodes { get; init; } = ImmutableSortedDictionary.Create<string, NodeState>(StringComparer.Ordinal);

    /// <summary>True once the saga stopped going forward and undoes what it did.</summary>
    internal bool IsUnwinding { get; init; }

    /// <summary>The terminal status the unwinding ends with: Compensated, Cancelled or TimedOut.</summary>
    internal SagaStatus UnwindOutcome { get; init; }

    /// <summary>Why the saga unwinds (kept while <see cref="Error"/> shows a stuck undo's error).</summary>
    internal SagaError? UnwindCause { get; init; }

    /// <summary>When the saga timeout fires; null when no saga timer is armed.</summary>
    internal DateTimeOffset? TimeoutAt { get; init; }

    /// <summary>Signals received before a node waited for them, oldest first.</summary>
    internal ImmutableList<BufferedSignal> BufferedSignals { get; init; } = [];

    /// <summary>The state of node <paramref name="name"/> (pending when never touched).</summary>
    internal NodeState Node(string name) => Nodes.TryGetValue(name, out var node) ? node : NodeState.Pending;
}
