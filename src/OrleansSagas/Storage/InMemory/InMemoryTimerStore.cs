namespace OrleansSagas.Storage.InMemory;

internal sealed class InMemoryTimerStore(InMemoryDatabase database) : ITimerStore
{
    public Task<IReadOnlyList<TimerEntry>> GetDueAsync(DateTimeOffset until, IReadOnlyCollection<int> partitions, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var wanted = partitions.ToHashSet();
        lock (database.Gate)
        {
            IReadOnlyList<TimerEntry> due = database.Timers.Values
                .Where(t => t.DueAt <= until && wanted.Contains(t.Partition))
                .OrderBy(t => t.DueAt)
                .ThenBy(t => t.SagaId, StringComparer.Ordinal)
                .ThenBy(t => t.TimerId, StringComparer.Ordinal)
                .Take(limit)
                .ToArray();
            return Task.FromResult(due);
        }
    }

    public Task<IReadOnlyList<TimerEntry>> GetForSagaAsync(string sagaId, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            IReadOnlyList<TimerEntry> timers = database.Timers.Values
                .Where(t => t.SagaId == sagaId)
                .OrderBy(t => t.DueAt)
                .ThenBy(t => t.TimerId, StringComparer.Ordinal)
                .ToArray();
            return Task.FromResult(timers);
        }
    }
}
