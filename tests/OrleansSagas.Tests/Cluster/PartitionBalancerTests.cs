using OrleansSagas.Cluster;
using OrleansSagas.Storage;

namespace OrleansSagas.Tests.Cluster;

public sealed class PartitionBalancerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(64, 1)]
    [InlineData(64, 3)]
    [InlineData(64, 5)]
    [InlineData(7, 10)]
    public void Quotas_add_up_to_every_partition_and_differ_by_at_most_one(int partitions, int nodes)
    {
        var names = Enumerable.Range(0, nodes).Select(i => $"node-{i}").ToList();
        var quotas = names.Select(n => PartitionBalancer.QuotaOf(n, names, partitions)).ToList();
        Assert.Equal(partitions, quotas.Sum());
        Assert.True(quotas.Max() - quotas.Min() <= 1);
        Assert.Equal(0, PartitionBalancer.QuotaOf("stranger", names, partitions));
    }

    [Fact]
    public void An_under_loaded_node_takes_only_free_lapsed_or_dead_partitions()
    {
        PartitionLease[] leases =
        [
            new(0, "b", 3, Now.AddSeconds(2)),   // held by a live node: untouchable
            new(1, null, 4, DateTimeOffset.MinValue), // released
            new(2, "c", 5, Now.AddSeconds(-1)),  // lapsed
            new(3, "dead", 6, Now.AddSeconds(2)), // owner declared dead
        ];
        var plan = PartitionBalancer.Plan("a", 5, ["a"], leases, [], new HashSet<string> { "dead" }, Now);
        Assert.Empty(plan.Release);
        Assert.Equal([(1, 4L), (2, 5L), (3, 6L), (4, 0L)], plan.Acquire.OrderBy(a => a.Partition));
    }

    [Fact]
    public void An_over_loaded_node_releases_its_highest_partitions_down_to_its_quota()
    {
        var plan = PartitionBalancer.Plan("a", 8, ["a", "b"], [], [0, 1, 2, 3, 4, 5, 6], new HashSet<string>(), Now);
        Assert.Empty(plan.Acquire);
        Assert.Equal([6, 5, 4], plan.Release);
    }

    [Fact]
    public void A_node_at_its_quota_does_nothing()
    {
        var plan = PartitionBalancer.Plan("b", 4, ["a", "b"], [], [2, 3], new HashSet<string>(), Now);
        Assert.Same(BalancePlan.Nothing, plan);
    }
}
