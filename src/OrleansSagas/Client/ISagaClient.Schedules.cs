using OrleansSagas.Engine;
using OrleansSagas.Schedules;

namespace OrleansSagas.Client;

/// <summary>Schedules: a saga started at each occurrence of a cron expression or interval.</summary>
public partial interface ISagaClient
{
    /// <summary>
    /// Creates the schedule <paramref name="name"/> or updates it (an unchanged timing keeps its progress and runs).
    /// </summary>
    /// <exception cref="ScheduleSpecException">Bad cron, unknown time zone or definition, …: every problem listed; nothing stored changed.</exception>
    /// <exception cref="SagaInputException">Bad name.</exception>
    Task<SchedulePutResult> PutScheduleAsync(string name, ScheduleSpec spec, CancellationToken cancellationToken = default);

    /// <summary>The schedule with its next 5 occurrences and last 20 runs.</summary>
    /// <exception cref="ScheduleNotFoundException">Unknown name.</exception>
    Task<ScheduleDescription> DescribeScheduleAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every schedule, ordered by name.</summary>
    Task<IReadOnlyList<ScheduleDescription>> ListSchedulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the schedule; the sagas it started are left alone.</summary>
    /// <exception cref="ScheduleNotFoundException">Unknown name.</exception>
    Task DeleteScheduleAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Pauses the schedule; <paramref name="note"/> says why.</summary>
    Task<ScheduleDescription> PauseScheduleAsync(string name, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes the schedule from now on (occurrences passed while paused are not caught up).</summary>
    Task<ScheduleDescription> ResumeScheduleAsync(string name, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Starts one run of the schedule now (the overlap policy applies).</summary>
    Task<ScheduleRun> TriggerScheduleAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A page of the sagas the schedule <paramref name="schedule"/> started, ordered by id (so by occurrence).</summary>
    Task<SagaListPage> ListScheduleSagasAsync(string schedule, SagaStatus? status = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default);
}
