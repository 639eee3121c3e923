using OrleansSagas.Engine;

namespace OrleansSagas.Schedules;

/// <summary>One occurrence of a schedule and what became of it.</summary>
/// <param name="Occurrence">The occurrence time (UTC), the instant the saga was due.</param>
/// <param name="DecidedAt">When the schedule decided on it (for a started run, when it started the saga).</param>
/// <param name="Outcome">What the schedule decided.</param>
/// <param name="SagaId">The saga the occurrence started (<c>{schedule}@{occurrence}</c>), or null when it started none.</param>
/// <param name="SagaStatus">The saga's status when the schedule was last described; null without a saga.</param>
/// <param name="Note">Why, in words ("skipped: previous still running (…)").</param>
/// <param name="Manual">True for a run started by a trigger call rather than by the timing.</param>
public sealed record ScheduleRun(
    DateTimeOffset Occurrence,
    DateTimeOffset DecidedAt,
    ScheduleRunOutcome Outcome,
    string? SagaId,
    SagaStatus? SagaStatus,
    string Note,
    bool Manual = false);
