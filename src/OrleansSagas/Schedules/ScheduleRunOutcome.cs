namespace OrleansSagas.Schedules;

/// <summary>What a schedule decided for one occurrence.</summary>
public enum ScheduleRunOutcome
{
    /// <summary>A saga was started (or found already started, after a retried or duplicated firing).</summary>
    Started,

    /// <summary>Nothing was started because the previous run was still running (overlap <c>skip</c>, or a full buffer).</summary>
    Skipped,

    /// <summary>Waiting for the previous run to end (overlap <c>bufferOne</c>); becomes <see cref="Started"/> when it does.</summary>
    Buffered,

    /// <summary>The occurrence was missed and the catch-up policy (or window) did not run it.</summary>
    Missed,

    /// <summary>Starting the saga failed for good (e.g. its definition was removed); the note says why.</summary>
    Failed,
}
