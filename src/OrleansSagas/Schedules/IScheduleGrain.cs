namespace OrleansSagas.Schedules;

/// <summary>
/// One schedule, keyed by its name: it starts a saga at each occurrence, woken by a grain timer while active and by one
/// reminder as the durable backstop. Prefer <see cref="Client.ISagaClient"/>; this is what it calls.
/// </summary>
public interface IScheduleGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the schedule; unchanged timing keeps its progress.</summary>
    /// <exception cref="ScheduleSpecException">The definition has problems (all listed); nothing was stored.</exception>
    Task<SchedulePutResult> PutAsync(ScheduleSpec spec);

    /// <summary>The schedule with its next occurrences and recent runs.</summary>
    /// <exception cref="ScheduleNotFoundException">No schedule has this name.</exception>
    Task<ScheduleDescription> DescribeAsync();

    /// <summary>Deletes the schedule (its sagas are left alone).</summary>
    /// <exception cref="ScheduleNotFoundException">No schedule has this name.</exception>
    Task DeleteAsync();

    /// <summary>Pauses it: occurrences pass without runs until <see cref="ResumeAsync"/>.</summary>
    Task<ScheduleDescription> PauseAsync(string? note);

    /// <summary>Resumes it from now on (occurrences passed while paused are not caught up).</summary>
    Task<ScheduleDescription> ResumeAsync(string? note);

    /// <summary>Starts one run now, whatever the timing and pause (the overlap policy applies).</summary>
    Task<ScheduleRun> TriggerAsync();

    /// <summary>Activates the schedule so late occurrences are decided at once; no effect on one already active.</summary>
    Task WakeAsync();
}
