namespace OrleansSagas.Schedules;

/// <summary>A schedule as it is now: its definition, state, upcoming occurrences and recent runs.</summary>
public sealed record ScheduleDescription
{
    /// <summary>The schedule name.</summary>
    public required string Name { get; init; }

    /// <summary>What it starts and when.</summary>
    public required ScheduleSpec Spec { get; init; }

    /// <summary>Active, paused or ended.</summary>
    public required ScheduleStatus Status { get; init; }

    /// <summary>The next (up to) 5 occurrence times, UTC; empty when paused or ended.</summary>
    public IReadOnlyList<DateTimeOffset> NextOccurrences { get; init; } = [];

    /// <summary>The last (up to) 20 decisions, newest first.</summary>
    public IReadOnlyList<ScheduleRun> Runs { get; init; } = [];

    /// <summary>How many sagas it has started.</summary>
    public long RunCount { get; init; }

    /// <summary>The note of the latest decision or request ("paused: maintenance", "skipped: previous still running (…)").</summary>
    public string? Note { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its definition or state last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
