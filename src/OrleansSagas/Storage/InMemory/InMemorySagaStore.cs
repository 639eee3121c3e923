using OrleansSagas.Engine;

namespace OrleansSagas.Storage.InMemory;

internal sealed class InMemorySagaStore(InMemoryDatabase database) : ISagaStore
{
    public Task<(SagaRecord Record, bool Created)> CreateAsync(SagaCommit commit, CancellationToken cancellationToken = default)
    {
        SagaCommitRules.Validate(commit, isCreate: true);
        lock (database.Gate)
        {
            CheckEpoch(commit);
            if (database.Sagas.TryGetValue(commit.Record.Id, out var existing))
            {
                return Task.FromResult((existing, false));
            }

            CheckTasksAreNew(commit);
            var record = commit.Record.ToUtc();
            database.Sagas[record.Id] = record;
            database.Events[record.Id] = [.. commit.Events.Select(e => e.ToUtc())];
            ApplySideEffects(commit);
            return Task.FromResult((record, true));
        }
    }

    public Task CommitAsync(SagaCommit commit, CancellationToken cancellationToken = default)
    {
        SagaCommitRules.Validate(commit, isCreate: false);
        lock (database.Gate)
        {
            CheckEpoch(commit);
            if (!database.Sagas.TryGetValue(commit.Record.Id, out var current) || current.Version != commit.ExpectedVersion)
            {
                var found = current is null ? "no saga" : $"version {current.Version}";
                throw new StorageConflictException(
                    StorageConflictKind.Version,
                    $"Saga '{commit.Record.Id}' expected at version {commit.ExpectedVersion}, found {found}.");
            }

            CheckTasksAreNew(commit);
            database.Sagas[commit.Record.Id] = commit.Record.ToUtc();
            database.Events[commit.Record.Id].AddRange(commit.Events.Select(e => e.ToUtc()));
            ApplySideEffects(commit);
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
                ? log.Where(e => e.Sequence > afterSequence).ToArray()
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
            if (hasMore)
            {
                matches.RemoveAt(matches.Count - 1);
            }

            return Task.FromResult(new SagaPage(matches, hasMore ? matches[^1].Id : null));
        }
    }

    public Task<IReadOnlyList<string>> ListRunningAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var wanted = partitions.ToHashSet();
        lock (database.Gate)
        {
            IReadOnlyList<string> ids = database.Sagas.Values
                .Where(s => s.Status == SagaStatus.Running && wanted.Contains(s.Partition))
                .Select(s => s.Id)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return Task.FromResult(ids);
        }
    }

    private void CheckEpoch(SagaCommit commit)
    {
        var partition = commit.Record.Partition;
        if (!database.Leases.TryGetValue(partition, out var lease) || lease.Epoch != commit.Epoch)
        {
            var found = lease is null ? "no lease" : $"epoch {lease.Epoch}";
            throw new StorageConflictException(
                StorageConflictKind.Epoch,
                $"Partition {partition} of saga '{commit.Record.Id}' expected at epoch {commit.Epoch}, found {found}.");
        }
    }

    private void CheckTasksAreNew(SagaCommit commit)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in commit.TasksToEnqueue)
        {
            if (!seen.Add(task.TaskId) || database.Tasks.ContainsKey(task.TaskId))
            {
                throw new StorageConflictException(StorageConflictKind.Exists, $"Task '{task.TaskId}' already exists.");
            }
        }
    }

    private void ApplySideEffects(SagaCommit commit)
    {
        foreach (var timerId in commit.TimersToDisarm)
        {
            database.Timers.Remove((commit.Record.Id, timerId));
        }

        foreach (var timer in commit.TimersToArm)
        {
            database.Timers[(timer.SagaId, timer.TimerId)] = timer.ToUtc();
        }

        foreach (var task in commit.TasksToEnqueue)
        {
            database.Tasks[task.TaskId] = new InMemoryTask(task.ToUtc(), database.NextTaskSequence++);
        }
    }
}
