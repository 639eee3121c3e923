using OrleansSagas.Storage;

namespace OrleansSagas.Cluster;

/// <summary>The membership table and partition leases as a node last read them.</summary>
internal sealed record ClusterSnapshot(IReadOnlyList<MemberRecord> Members, IReadOnlyList<PartitionLease> Leases, DateTimeOffset ReadAt)
{
    public static ClusterSnapshot Empty { get; } = new([], [], DateTimeOffset.MinValue);

    /// <summary>The node holding a current lease on <paramref name="partition"/>, if it is not known to be dead.</summary>
    public MemberRecord? OwnerOf(int partition, DateTimeOffset now)
    {
        var lease = Leases.FirstOrDefault(l => l.Partition == partition);
        if (lease is not { Owner: { } owner } || lease.ExpiresAt <= now) return null;
        return Members.FirstOrDefault(m => m.Node == owner && m.Status != MemberStatus.Dead);
    }
}
