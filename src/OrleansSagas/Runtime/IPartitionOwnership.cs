namespace OrleansSagas.Runtime;

/// <summary>
/// Which partitions this node owns, and at which lease epoch. Every saga write carries the epoch, so a node
/// that lost a partition can never overwrite the new owner's state.
/// </summary>
public interface IPartitionOwnership
{
    /// <summary>Acquires the initial partitions; called once when the node starts.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Releases everything (graceful shutdown).</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>The epoch of an owned partition, or null when this node does not own it.</summary>
    long? EpochOf(int partition);

    /// <summary>The partitions owned now.</summary>
    IReadOnlyCollection<int> OwnedPartitions { get; }

    /// <summary>Raised with a partition just acquired (its sagas must be resumed).</summary>
    event Action<int>? PartitionAcquired;

    /// <summary>Raised with a partition just lost (its activations must be dropped at once).</summary>
    event Action<int>? PartitionLost;
}
