namespace OrleansSagas.Hosting;

/// <summary>Settings of the saga runtime on a silo. Every default suits production; validated at start.</summary>
public sealed class SagaRuntimeOptions
{
    /// <summary>The largest input, signal payload or step output accepted, in bytes. Default 256 KiB (as Step Functions).</summary>
    public int PayloadLimitBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The period of the reminder every running saga keeps as its durable backstop: a saga whose silo died, or that
    /// was deactivated, is woken at least this often. Default 1 minute (Orleans' minimum reminder period).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When a silo dies (or the first silo of a cluster starts), the survivors wake the running sagas of the catalog at
    /// once instead of waiting for their reminders. Default true.
    /// </summary>
    public bool WakeOnSiloFailure { get; set; } = true;

    /// <summary>The most catalog rows and history events written in one transaction. Default 500.</summary>
    public int CatalogBatchSize { get; set; } = 500;

    /// <summary>How often the cluster's task token key is replaced for signing. Default 30 days.</summary>
    public TimeSpan TaskTokenKeyRotation { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a replaced task token key still verifies tokens; longer than any task waits. Default 400 days.</summary>
    public TimeSpan TaskTokenKeyRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How long a new task token key only verifies before silos sign with it, so every silo knows it first. Default 2 minutes.</summary>
    public TimeSpan TaskTokenKeyPropagation { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Into how many queue grains each activity's tasks are spread, so one hot activity is not one grain's work. Default 4.</summary>
    public int ActivityQueueShards { get; set; } = 4;

    /// <summary>
    /// Per-activity settings by activity name, e.g. <c>Sagas:Activities:charge-card:MaxConcurrency = 5</c>. Every silo must
    /// have the same settings.
    /// </summary>
    public Dictionary<string, ActivityOptions> Activities { get; } = new(StringComparer.Ordinal);

    /// <summary>The cluster-wide limit of <paramref name="activity"/>'s handed-out tasks; null when it has none.</summary>
    internal int? ConcurrencyLimitOf(string activity) => Activities.TryGetValue(activity, out var settings) ? settings.MaxConcurrency : null;

    /// <summary>Checks every setting and names the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (PayloadLimitBytes < 1024) throw new ArgumentException($"Sagas:PayloadLimitBytes must be at least 1024 (was {PayloadLimitBytes}).", nameof(PayloadLimitBytes));
        if (ReminderPeriod < TimeSpan.FromSeconds(1)) throw new ArgumentException($"Sagas:ReminderPeriod must be at least 1 second (was {ReminderPeriod}).", nameof(ReminderPeriod));
        if (ActivityQueueShards is < 1 or > 256) throw new ArgumentException($"Sagas:ActivityQueueShards must be between 1 and 256 (was {ActivityQueueShards}).", nameof(ActivityQueueShards));
        if (TaskTokenKeyRotation < TimeSpan.FromMinutes(1)) throw new ArgumentException($"Sagas:TaskTokenKeyRotation must be at least 1 minute (was {TaskTokenKeyRotation}).", nameof(TaskTokenKeyRotation));
        if (TaskTokenKeyRetention < TaskTokenKeyRotation) throw new ArgumentException($"Sagas:TaskTokenKeyRetention must be at least Sagas:TaskTokenKeyRotation (was {TaskTokenKeyRetention}).", nameof(TaskTokenKeyRetention));
        foreach (var (name, activity) in Activities)
        {
            if (Definitions.ActivityNames.Problem(name) is { } problem) throw new ArgumentException($"Sagas:Activities: {problem}", nameof(Activities));
            if (activity.MaxConcurrency is < 1) throw new ArgumentException($"Sagas:Activities:{name}:MaxConcurrency must be at least 1 (was {activity.MaxConcurrency}).", nameof(Activities));
        }
        if (CatalogBatchSize is < 1 or > 10_000) throw new ArgumentException($"Sagas:CatalogBatchSize must be between 1 and 10000 (was {CatalogBatchSize}).", nameof(CatalogBatchSize));
    }
}
