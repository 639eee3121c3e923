namespace OrleansSagas.Schedules;

/// <summary>The outcome of creating or updating a schedule.</summary>
/// <param name="Schedule">The schedule right after the call.</param>
/// <param name="Created">True when the call created the schedule; false when it updated (or left unchanged) an existing one.</param>
public sealed record SchedulePutResult(ScheduleDescription Schedule, bool Created);
