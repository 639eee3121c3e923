using OrleansSagas.Engine;

namespace OrleansSagas.Storage.InMemory;

internal sealed class InMemorySagaCatalog(InMemoryDatabase database) : ISagaCatalog
{
    public Task WriteAsync(IReadOnlyList<SagaRecord> records, IReadOnlyList<SagaEventRecord> events, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            foreach (var record in records)
            {
                if (!database.Sagas.TryGetValue(record.Id, out var current) || current.Version < record.Version)
                    database.Sagas[record.Id] = record.ToUtc();
            }

            foreach (var e in events)
            {
                if (!database.Events.TryGetValue(e.SagaId, out var log))
                    database.Events[e.SagaId] = log = [];
                log.TryAdd(e.Event.Sequence, e.Event.ToUtc());
            }
        }

        return Task.CompletedTask;
    }

    public Task<SagaRecord?> GetAsync(string sagaId, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            return Task.FromResult(database.Sagas.GetValueOrDefault(sagaId));
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sagaId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            IReadOnlyList<StoredEvent> events = database.Events.TryGetValue(sagaId, out var log)
                ? log.Values.Where(e => e.Sequence > afterSequence).ToArray()
                : [];
            return Task.FromResult(events);
        }
    }

    public Task<SagaPage> QueryAsync(SagaQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000, nameof(query));
        lock (database.Gate)
        {
            var matches = database.Sagas.Values
                .Where(s => query.Status is null || s.Status == query.Status)
                .Where(s => query.Definition is null || s.Definition == query.Definition)
                .Where(s => query.After is null || string.CompareOrdinal(s.Id, query.After) > 0)
                .OrderBy(s => s.Id, StringComparer.Ordinal)
                .Take(query.Limit + 1)
                .ToList();
            var hasMore = matches.Count > query.Limit;
            if (hasMore) matches.RemoveAt(matches.Count - 1);
            return Task.FromResult(new SagaPage(matches, hasMore ? matches[^1].Id : null));
        }
    }

    public Task<IReadOnlyList<string>> ListRunningAsync(string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        lock (database.Gate)
        {
            IReadOnlyList<string> ids = database.Sagas.Values
                .Where(s => s.Status == SagaStatus.Running && (afterId is null || string.CompareOrdinal(s.Id, afterId) > 0))
                .Select(s => s.Id)
                .Order(StringComparer.Ordinal)
                .Take(limit)
                .ToArray();
            return Task.FromResult(ids);
        }
    }
}
