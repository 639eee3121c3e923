namespace OrleansSagas.Schedules;

/// <summary>What an occurrence does when the saga of the schedule's previous run is still running.</summary>
public enum ScheduleOverlapPolicy
{
    /// <summary>The occurrence starts nothing and is recorded as skipped. The default.</summary>
    Skip,

    /// <summary>
    /// The occurrence waits and starts as soon as the previous run ends; at most one waits (a later one while one
    /// waits is skipped).
    /// </summary>
    BufferOne,

    /// <summary>The occurrence starts its saga anyway; runs may overlap.</summary>
    Allow,

    /// <summary>The previous run's saga is cancelled (its completed steps are undone) and the occurrence starts its saga.</summary>
    CancelPrevious,
}
