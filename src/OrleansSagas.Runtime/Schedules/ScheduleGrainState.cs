namespace OrleansSagas.Schedules;

/// <summary>
/// What a schedule grain persists: its definition (as JSON, so it stays readable across versions), how far its
/// occurrences have been decided, the run that may still be running, and its recent decisions. Fields are only ever added.
/// </summary>
[GenerateSerializer]
[Alias("OrleansSagas.ScheduleGrainState")]
internal sealed class ScheduleGrainState
{
    /// <summary>The <see cref="ScheduleSpec"/> as JSON; null when no schedule has the name.</summary>
    [Id(0)] public string? Spec { get; set; }

    /// <summary>Every occurrence up to this instant has been decided (started, skipped, buffered or missed).</summary>
    [Id(1)] public DateTimeOffset Cursor { get; set; }

    [Id(2)] public bool Paused { get; set; }

    /// <summary>Sagas started by the timing (counted against <see cref="ScheduleSpec.MaxRuns"/>).</summary>
    [Id(3)] public long TimedRuns { get; set; }

    /// <summary>Sagas started by trigger calls.</summary>
    [Id(4)] public long ManualRuns { get; set; }

    /// <summary>The occurrence waiting for the previous run to end (overlap bufferOne).</summary>
    [Id(5)] public DateTimeOffset? Buffered { get; set; }

    /// <summary>The saga of the latest started run: the one the overlap policy looks at.</summary>
    [Id(6)] public string? LastSagaId { get; set; }

    /// <summary>The latest decisions, newest first (at most <see cref="ScheduleGrain.KeptRuns"/>).</summary>
    [Id(7)] public List<ScheduleRunRecord> Runs { get; set; } = [];

    [Id(8)] public string? Note { get; set; }

    [Id(9)] public DateTimeOffset CreatedAt { get; set; }

    [Id(10)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the waiting run was asked for by a trigger call.</summary>
    [Id(11)] public bool BufferedManual { get; set; }
}

/// <summary>One recorded decision (enums stored as numbers).</summary>
[GenerateSerializer]
[Alias("OrleansSagas.ScheduleRunRecord")]
internal sealed record ScheduleRunRecord(
    [property: Id(0)] DateTimeOffset Occurrence,
    [property: Id(1)] DateTimeOffset DecidedAt,
    [property: Id(2)] int Outcome,
    [property: Id(3)] string? SagaId,
    [property: Id(4)] string Note,
    [property: Id(5)] bool Manual,
    [property: Id(6)] int? SagaStatus)
{
    /// <summary>For a missed entry: the reason without counts, and how many consecutive occurrences it stands for.</summary>
    [Id(7)] public string? Reason { get; init; }

    [Id(8)] public int Count { get; init; } = 1;

    /// <summary>For a missed entry standing for several occurrences: the first of them (<see cref="Occurrence"/> is the last).</summary>
    [Id(9)] public DateTimeOffset? From { get; init; }
}
