namespace OrleansSagas.Storage;

/// <summary>Partition leases with epoch fencing: the basis of single ownership of every saga.</summary>
public interface ILeaseStore
{
    /// <summary>Every partition's lease (partitions never leased are absent).</summary>
    Task<IReadOnlyList<PartitionLease>> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a partition for <paramref name="node"/> if its epoch is still <paramref name="expectedEpoch"/>
    /// (0 for a partition never leased); the new lease has epoch <paramref name="expectedEpoch"/> + 1.
    /// </summary>
    /// <returns>The new lease, or null when someone else changed it first.</returns>
    Task<PartitionLease?> TryAcquireAsync(int partition, string node, long expectedEpoch, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Extends leases the node still holds at the given epochs; returns the partitions renewed.</summary>
    Task<IReadOnlyList<int>> RenewAsync(string node, IReadOnlyDictionary<int, long> epochs, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Gives a partition up (keeping its epoch) so another node can take it at once.</summary>
    Task ReleaseAsync(int partition, string node, long epoch, CancellationToken cancellationToken = default);
}
