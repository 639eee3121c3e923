namespace OrleansSagas.Schedules;

/// <summary>Whether a schedule still starts sagas.</summary>
public enum ScheduleStatus
{
    /// <summary>It starts a saga at each occurrence.</summary>
    Active,

    /// <summary>Paused: occurrences pass without runs until it is resumed (they are not caught up).</summary>
    Paused,

    /// <summary>Past its end time or maximum number of runs: it starts nothing more.</summary>
    Ended,
}
