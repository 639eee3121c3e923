namespace OrleansSagas.Schedules;

/// <summary>
/// What a schedule does with occurrences it missed (the cluster was down, or the schedule could not run): an
/// occurrence counts as missed when a later one is also due, or when it is more than a minute late.
/// </summary>
public enum ScheduleCatchUpPolicy
{
    /// <summary>Missed occurrences start nothing (as cron): only an occurrence that fires on time runs.</summary>
    None,

    /// <summary>Of the missed occurrences within the catch-up window, only the most recent runs (as anacron). The default.</summary>
    Last,

    /// <summary>Every missed occurrence within the catch-up window runs, oldest first (each subject to the overlap policy).</summary>
    All,
}
