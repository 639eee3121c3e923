namespace OrleansSagas.Storage.InMemory;

internal sealed class InMemoryLeaseStore(InMemoryDatabase database) : ILeaseStore
{
    public Task<IReadOnlyList<PartitionLease>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            IReadOnlyList<PartitionLease> leases = database.Leases.Values.OrderBy(l => l.Partition).ToArray();
            return Task.FromResult(leases);
        }
    }

    public Task<PartitionLease?> TryAcquireAsync(int partition, string node, long expectedEpoch, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            var currentEpoch = database.Leases.TryGetValue(partition, out var current) ? current.Epoch : 0;
            if (currentEpoch != expectedEpoch)
            {
                return Task.FromResult<PartitionLease?>(null);
            }

            var lease = new PartitionLease(partition, node, expectedEpoch + 1, expiresAt.ToUniversalTime());
            database.Leases[partition] = lease;
            return Task.FromResult<PartitionLease?>(lease);
        }
    }

    public Task<IReadOnlyList<int>> RenewAsync(string node, IReadOnlyDictionary<int, long> epochs, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var renewed = new List<int>();
        lock (database.Gate)
        {
            foreach (var (partition, epoch) in epochs.OrderBy(e => e.Key))
            {
                if (database.Leases.TryGetValue(partition, out var lease) && lease.Owner == node && lease.Epoch == epoch)
                {
                    database.Leases[partition] = lease with { ExpiresAt = expiresAt.ToUniversalTime() };
                    renewed.Add(partition);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<int>>(renewed);
    }

    public Task ReleaseAsync(int partition, string node, long epoch, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            if (database.Leases.TryGetValue(partition, out var lease) && lease.Owner == node && lease.Epoch == epoch)
            {
                database.Leases[partition] = lease with { Owner = null, ExpiresAt = DateTimeOffset.MinValue };
            }
        }

        return Task.CompletedTask;
    }
}
