using System.Text.Json;

namespace OrleansSagas.Schedules;

/// <summary>
/// What a schedule starts and when: a saga of <see cref="Definition"/> with <see cref="Input"/> at each occurrence of
/// <see cref="Cron"/> (in <see cref="TimeZone"/>) or every <see cref="Every"/>. Each occurrence starts exactly one saga,
/// whose id is <c>{schedule}@{occurrence UTC, ISO-8601}</c>; its input is <see cref="Input"/> with two more properties,
/// <c>scheduleName</c> and <c>scheduledAt</c> (the occurrence).
/// </summary>
public sealed record ScheduleSpec
{
    /// <summary>The definition of the sagas to start (its latest version at each occurrence).</summary>
    public required string Definition { get; init; }

    /// <summary>The fixed input: a JSON object (or null for none) without <c>scheduleName</c> or <c>scheduledAt</c>.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>
    /// A cron expression: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first. Exactly one of
    /// <see cref="Cron"/> and <see cref="Every"/> is set. A time skipped by daylight saving runs once right after the
    /// change; a time repeated by it runs once.
    /// </summary>
    public string? Cron { get; init; }

    /// <summary>A fixed interval (at least one second), counted from <see cref="StartAt"/>.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>With <see cref="Every"/>: the first occurrence (default: when the schedule is created). With <see cref="Cron"/>: no occurrence before it.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>The IANA time zone of <see cref="Cron"/> (e.g. "Europe/Berlin"). Default "UTC".</summary>
    public string? TimeZone { get; init; }

    /// <summary>What an occurrence does while the previous run's saga is still running. Default <see cref="ScheduleOverlapPolicy.Skip"/>.</summary>
    public ScheduleOverlapPolicy Overlap { get; init; } = ScheduleOverlapPolicy.Skip;

    /// <summary>What happens to occurrences missed while the schedule could not run. Default <see cref="ScheduleCatchUpPolicy.Last"/>.</summary>
    public ScheduleCatchUpPolicy CatchUp { get; init; } = ScheduleCatchUpPolicy.Last;

    /// <summary>How far back missed occurrences are caught up (older ones are recorded as missed). Default one day.</summary>
    public TimeSpan? CatchUpWindow { get; init; }

    /// <summary>Created (or updated) paused. Default false.</summary>
    public bool Paused { get; init; }

    /// <summary>
    /// Spreads starts: each occurrence fires up to this much later, by an amount fixed per occurrence (derived from the
    /// schedule name and occurrence, so a retried firing waits the same). Its saga id keeps the nominal occurrence.
    /// </summary>
    public TimeSpan? Jitter { get; init; }

    /// <summary>No occurrence at or after this instant.</summary>
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>The schedule ends after starting this many sagas.</summary>
    public int? MaxRuns { get; init; }

    /// <summary>The catch-up window when <see cref="CatchUpWindow"/> is not set.</summary>
    public static readonly TimeSpan DefaultCatchUpWindow = TimeSpan.FromDays(1);
}
