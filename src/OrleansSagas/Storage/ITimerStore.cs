namespace OrleansSagas.Storage;

/// <summary>
/// Reads the due-time index of durable timers. Timers are armed and disarmed through <see cref="ISagaStore"/>
/// commits, so a timer exists exactly when the decision that armed it is durable.
/// </summary>
public interface ITimerStore
{
    /// <summary>Timers due at or before <paramref name="until"/> in the given partitions, earliest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TimerEntry>> GetDueAsync(DateTimeOffset until, IReadOnlyCollection<int> partitions, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every armed timer of one saga (to rebuild in-memory schedules on activation).</summary>
    Task<IReadOnlyList<TimerEntry>> GetForSagaAsync(string sagaId, CancellationToken cancellationToken = default);
}
