using Microsoft.Extensions.Options;
using OrleansSagas.Hosting;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

/// <summary>
/// Ownership for a node that runs alone: takes every partition at start, bumping each epoch, so a previous
/// process of the same store that is still alive (a zombie) can no longer write.
/// </summary>
internal sealed class SingleNodeOwnership(ISagaStorage storage, IOptions<SagaRuntimeOptions> options, TimeProvider time) : IPartitionOwnership
{
    private readonly Dictionary<int, long> _epochs = [];

    public IReadOnlyCollection<int> OwnedPartitions { get; private set; } = [];

    public event Action<int>? PartitionAcquired;
    public event Action<int>? PartitionLost { add { } remove { } }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var node = options.Value.NodeName;
        var until = time.GetUtcNow().AddYears(100);
        for (var attempt = 0; attempt < 5 && _epochs.Count < options.Value.PartitionCount; attempt++)
        {
            var current = (await storage.Leases.ReadAllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(l => l.Partition, l => l.Epoch);
            for (var p = 0; p < options.Value.PartitionCount; p++)
            {
                if (_epochs.ContainsKey(p)) continue;
                var lease = await storage.Leases.TryAcquireAsync(p, node, current.GetValueOrDefault(p), until, cancellationToken).ConfigureAwait(false);
                if (lease is not null) _epochs[p] = lease.Epoch;
            }
        }
        if (_epochs.Count < options.Value.PartitionCount)
            throw new InvalidOperationException("Could not acquire every partition lease; is another node using this store?");
        OwnedPartitions = [.. _epochs.Keys.Order()];
        foreach (var p in OwnedPartitions) PartitionAcquired?.Invoke(p);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (p, epoch) in _epochs)
            await storage.Leases.ReleaseAsync(p, options.Value.NodeName, epoch, cancellationToken).ConfigureAwait(false);
        _epochs.Clear();
        OwnedPartitions = [];
    }

    public long? EpochOf(int partition) => _epochs.TryGetValue(partition, out var e) ? e : null;
}
