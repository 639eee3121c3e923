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

    /// <summary>Checks every setting and names the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (PayloadLimitBytes < 1024) throw new ArgumentException($"Sagas:PayloadLimitBytes must be at least 1024 (was {PayloadLimitBytes}).", nameof(PayloadLimitBytes));
        if (ReminderPeriod < TimeSpan.FromSeconds(1)) throw new ArgumentException($"Sagas:ReminderPeriod must be at least 1 second (was {ReminderPeriod}).", nameof(ReminderPeriod));
        if (CatalogBatchSize is < 1 or > 10_000) throw new ArgumentException($"Sagas:CatalogBatchSize must be between 1 and 10000 (was {CatalogBatchSize}).", nameof(CatalogBatchSize));
    }
}
