using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Cluster;

/// <summary>What one node should do to the partition table on one rebalancing round.</summary>
/// <param name="Acquire">Partitions to try to take, each with the epoch it was seen at (the compare-and-set condition).</param>
/// <param name="Release">Partitions to hand back so an under-loaded node can take them.</param>
internal sealed record BalancePlan(IReadOnlyList<(int Partition, long ExpectedEpoch)> Acquire, IReadOnlyList<int> Release)
{
    public static BalancePlan Nothing { get; } = new([], []);
}

/// <summary>
/// Balances partitions across live nodes without a coordinator. Every node computes the same quotas from the same
/// live set (nodes ordered by name; the first <c>count % n</c> get one more), takes free partitions while under its
/// quota and releases its highest partitions while over it, so the table converges once membership is stable.
/// </summary>
internal static class PartitionBalancer
{
    /// <summary>How many partitions <paramref name="node"/> should own among <paramref name="liveNodes"/>; 0 when it is not live.</summary>
    public static int QuotaOf(string node, IEnumerable<string> liveNodes, int partitionCount)
    {
        var ordered = liveNodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = ordered.IndexOf(node);
        if (index < 0) return 0;
        return partitionCount / ordered.Count + (index < partitionCount % ordered.Count ? 1 : 0);
    }

    /// <summary>
    /// A lease another node may take: never leased, released, lapsed, held by a node declared dead, or left by an
    /// earlier incarnation of <paramref name="self"/> (a partition this process does not hold).
    /// </summary>
    public static bool IsTakeable(PartitionLease lease, string self, IReadOnlySet<string> deadNodes, DateTimeOffset now) =>
        lease.Owner is null
        || lease.ExpiresAt <= now
        || lease.Owner == self
        || deadNodes.Contains(lease.Owner);

    public static BalancePlan Plan(string self, int partitionCount, IEnumerable<string> liveNodes, IReadOnlyList<PartitionLease> leases,
        IReadOnlyCollection<int> held, IReadOnlySet<string> deadNodes, DateTimeOffset now)
    {
        var quota = QuotaOf(self, liveNodes, partitionCount);
        if (held.Count > quota)
            return new BalancePlan([], [.. held.OrderDescending().Take(held.Count - quota)]);
        if (held.Count == quota) return BalancePlan.Nothing;

        var leaseOf = leases.Where(l => l.Partition < partitionCount).ToDictionary(l => l.Partition);
        var heldSet = held.ToHashSet();
        var acquire = new List<(int, long)>();
        // Nodes prefer different partitions, so several under-loaded nodes rarely race for the same one.
        foreach (var p in Enumerable.Range(0, partitionCount).Where(p => !heldSet.Contains(p)).OrderBy(p => Preference(self, p)))
        {
            if (acquire.Count == quota - held.Count) break;
            if (!leaseOf.TryGetValue(p, out var lease)) acquire.Add((p, 0));
            else if (IsTakeable(lease, self, deadNodes, now)) acquire.Add((p, lease.Epoch));
        }
        return new BalancePlan(acquire, []);
    }

    private static int Preference(string node, int partition) => Partitioner.PartitionOf($"{node}/{partition}", int.MaxValue);
}
