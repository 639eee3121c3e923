using OrleansSagas.Storage;

namespace OrleansSagas.Testing;

internal sealed class FaultySagaStore(FaultInjectingSagaStorage faults, ISagaStore inner) : ISagaStore
{
    public Task<(SagaRecord Record, bool Created)> CreateAsync(SagaCommit commit, CancellationToken cancellationToken = default) =>
        faults.RunCommit(commit, () => inner.CreateAsync(commit, cancellationToken));

    public Task CommitAsync(SagaCommit commit, CancellationToken cancellationToken = default) =>
        faults.RunCommit(commit, async () =>
        {
            await inner.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<SagaRecord?> GetAsync(string sagaId, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.GetAsync(sagaId, cancellationToken));

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sagaId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.ReadEventsAsync(sagaId, afterSequence, cancellationToken));

    public Task<SagaPage> QueryAsync(SagaQuery query, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.QueryAsync(query, cancellationToken));

    public Task<IReadOnlyList<string>> ListRunningAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.ListRunningAsync(partitions, cancellationToken));
}

internal sealed class FaultyTimerStore(FaultInjectingSagaStorage faults, ITimerStore inner) : ITimerStore
{
    public Task<IReadOnlyList<TimerEntry>> GetDueAsync(DateTimeOffset until, IReadOnlyCollection<int> partitions, int limit, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.GetDueAsync(until, partitions, limit, cancellationToken));

    public Task<IReadOnlyList<TimerEntry>> GetForSagaAsync(string sagaId, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.GetForSagaAsync(sagaId, cancellationToken));
}

internal sealed class FaultyTaskQueue(FaultInjectingSagaStorage faults, ITaskQueue inner) : ITaskQueue
{
    public Task<LeasedTask?> TryLeaseAsync(string queue, string workerId, TimeSpan leaseFor, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.TryLeaseAsync(queue, workerId, leaseFor, now, cancellationToken));

    public Task<bool> ExtendLeaseAsync(string taskId, string leaseToken, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.ExtendLeaseAsync(taskId, leaseToken, until, cancellationToken));

    public Task<bool> CompleteAsync(string taskId, string leaseToken, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.CompleteAsync(taskId, leaseToken, cancellationToken));

    public Task RemoveAsync(string taskId, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.RemoveAsync(taskId, cancellationToken));
}

internal sealed class FaultyDefinitionStore(FaultInjectingSagaStorage faults, IDefinitionStore inner) : IDefinitionStore
{
    public Task<(DefinitionRecord Record, bool Created)> PutAsync(string name, string kind, string content, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.PutAsync(name, kind, content, now, cancellationToken));

    public Task<DefinitionRecord?> GetAsync(string name, int? version = null, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.GetAsync(name, version, cancellationToken));

    public Task<IReadOnlyList<DefinitionRecord>> ListLatestAsync(CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.ListLatestAsync(cancellationToken));
}

internal sealed class FaultyMembershipStore(FaultInjectingSagaStorage faults, IMembershipStore inner) : IMembershipStore
{
    public Task UpsertAsync(MemberRecord member, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.UpsertAsync(member, cancellationToken));

    public Task<bool> HeartbeatAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.HeartbeatAsync(node, at, cancellationToken));

    public Task SetStatusAsync(string node, MemberStatus status, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.SetStatusAsync(node, status, cancellationToken));

    public Task<IReadOnlyList<MemberRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.ListAsync(cancellationToken));
}

internal sealed class FaultyLeaseStore(FaultInjectingSagaStorage faults, ILeaseStore inner) : ILeaseStore
{
    public Task<IReadOnlyList<PartitionLease>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.ReadAllAsync(cancellationToken));

    public Task<PartitionLease?> TryAcquireAsync(int partition, string node, long expectedEpoch, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.TryAcquireAsync(partition, node, expectedEpoch, expiresAt, cancellationToken));

    public Task<IReadOnlyList<int>> RenewAsync(string node, IReadOnlyDictionary<int, long> epochs, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.RenewAsync(node, epochs, expiresAt, cancellationToken));

    public Task ReleaseAsync(int partition, string node, long epoch, CancellationToken cancellationToken = default) =>
        faults.Run(() => inner.ReleaseAsync(partition, node, epoch, cancellationToken));
}
