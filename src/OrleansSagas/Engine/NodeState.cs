using System.Collections.Immutable;
using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine;

/// <summary>Everything the engine remembers about one node of a saga instance (absent from the map means pending).</summary>
internal sealed record NodeState
{
    public static NodeState Pending { get; } = new();

    public StepStatus Status { get; init; }

    /// <summary>Attempts of the node started so far (actions, waits or child sagas).</summary>
    public int Attempts { get; init; }

    /// <summary>The attempt awaiting its result: an action, a wait or a child saga; null when none.</summary>
    public int? InFlightAttempt { get; init; }

    /// <summary>Retries consumed per retrier index (ASL: each retrier counts its own).</summary>
    public ImmutableSortedDictionary<int, int> RetryCounts { get; init; } = ImmutableSortedDictionary<int, int>.Empty;

    public JsonElement? Output { get; init; }

    /// <summary>The error of the last failed attempt.</summary>
    public SagaError? Error { get; init; }

    /// <summary>The id of the child saga of the current (or succeeded) attempt.</summary>
    public string? ChildId { get; init; }

    /// <summary>When the in-flight action attempt times out (kept so a heartbeat can re-arm the earlier of the two deadlines).</summary>
    public DateTimeOffset? AttemptDeadline { get; init; }

    /// <summary>The one durable timer the node may have armed at a time.</summary>
    public NodeTimer? Timer { get; init; }

    public int UndoAttempts { get; init; }

    public int? UndoInFlight { get; init; }

    public ImmutableSortedDictionary<int, int> UndoRetryCounts { get; init; } = ImmutableSortedDictionary<int, int>.Empty;

    public SagaError? UndoError { get; init; }
}
