using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Tests.Cluster;

/// <summary>Membership, leases and rebalancing of cluster ownership, one round per fake second (default options).</summary>
public sealed class ClusterOwnershipTests
{
    private static readonly int[] All = [.. Enumerable.Range(0, OwnershipHarness.Partitions)];

    [Fact]
    public async Task A_lone_node_registers_and_leases_every_partition_at_start()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        Assert.Equal(All, a.Owned.Order());
        Assert.All((await h.LeasesAsync()).Values, l => Assert.Equal(("a", 1L), (l.Owner, l.Epoch)));
        Assert.Equal(1, a.Ownership.EpochOf(5));
        var member = await h.MemberAsync("a");
        Assert.Equal((MemberStatus.Active, "http://a"), (member.Status, member.Address));
    }

    [Fact]
    public async Task A_joining_node_gets_half_and_every_moved_partition_gets_a_higher_epoch()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        var b = await h.StartAsync("b");
        Assert.Empty(b.Owned);
        h.Seconds(2);
        Assert.Equal(6, a.Owned.Count);
        Assert.Equal(6, b.Owned.Count);
        Assert.Equal(All, a.Owned.Concat(b.Owned).Order());
        var leases = await h.LeasesAsync();
        Assert.All(b.Owned, p => Assert.Equal(("b", 2L), (leases[p].Owner, leases[p].Epoch)));
        Assert.Equal(b.Owned.Order(), a.Lost.Order());
        Assert.All(b.Owned, p => Assert.Null(a.Ownership.EpochOf(p)));
    }

    [Fact]
    public async Task Three_nodes_split_the_partitions_evenly_and_disjointly()
    {
        var h = new OwnershipHarness();
        var nodes = new[] { await h.StartAsync("a"), await h.StartAsync("b"), await h.StartAsync("c") };
        h.Seconds(3);
        Assert.All(nodes, n => Assert.Equal(4, n.Owned.Count));
        Assert.Equal(All, nodes.SelectMany(n => n.Owned).Order());
    }

    [Fact]
    public async Task A_graceful_leave_releases_at_once_and_the_others_take_over_within_one_round()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        var b = await h.StartAsync("b");
        h.Seconds(2);
        var moved = b.Owned.ToList();
        await b.Ownership.StopAsync(CancellationToken.None);
        Assert.Empty(b.Owned);
        Assert.Equal(moved.Order(), b.Lost.Order());
        Assert.All(moved, p => Assert.Null(h.LeasesAsync().Result[p].Owner));
        Assert.Equal(MemberStatus.Dead, (await h.MemberAsync("b")).Status);
        h.Seconds(1);
        Assert.Equal(All, a.Owned.Order());
        var leases = await h.LeasesAsync();
        Assert.All(moved, p => Assert.Equal(("a", 3L), (leases[p].Owner, leases[p].Epoch)));
    }

    [Fact]
    public async Task An_abruptly_killed_node_keeps_its_partitions_until_its_leases_lapse_then_the_survivor_takes_them()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        var b = await h.StartAsync("b");
        h.Seconds(2);
        b.Ownership.Abandon();
        h.Seconds(2);
        Assert.Equal(6, a.Owned.Count);
        h.Seconds(1);
        Assert.Equal(All, a.Owned.Order());
        h.Seconds(1);
        Assert.Equal(MemberStatus.Dead, (await h.MemberAsync("b")).Status);
    }

    [Fact]
    public async Task A_node_whose_renewal_is_refused_loses_that_partition_at_the_next_round()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        var intruder = await h.Store.Leases.TryAcquireAsync(3, "intruder", 1, h.Time.GetUtcNow().AddMinutes(1));
        Assert.NotNull(intruder);
        Assert.Equal(1, a.Ownership.EpochOf(3));
        h.Seconds(1);
        Assert.Null(a.Ownership.EpochOf(3));
        Assert.Equal([3], a.Lost);
        Assert.Equal(11, a.Owned.Count);
    }

    [Fact]
    public async Task A_node_cut_off_from_the_store_stops_writing_before_its_leases_lapse_and_takes_them_back_after()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        a.Storage.TakeDown();
        h.Seconds(2);
        Assert.Equal(12, a.Owned.Count);
        h.Seconds(0.5);
        Assert.Empty(a.Owned);
        Assert.Equal(All, a.Lost.Order());
        var leases = await h.LeasesAsync();
        Assert.All(leases.Values, l => Assert.True(l.ExpiresAt > h.Time.GetUtcNow(), "the node stopped before its leases lapsed"));
        a.Storage.BringUp();
        h.Seconds(1);
        Assert.Equal(All, a.Owned.Order());
        Assert.All(All, p => Assert.Equal(2, a.Ownership.EpochOf(p)));
    }

    [Fact]
    public async Task A_paused_node_is_fenced_off_its_late_write_is_rejected_and_it_rejoins_after()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        var b = await h.StartAsync("b");
        h.Seconds(2);
        var partition = a.Owned.First();
        var staleEpoch = a.Ownership.EpochOf(partition)!.Value;
        var sagaId = Enumerable.Range(0, 1000).Select(i => $"saga-{i}").First(id => Partitioner.PartitionOf(id, OwnershipHarness.Partitions) == partition);
        await a.Storage.Sagas.CreateAsync(Commit(sagaId, partition, staleEpoch, 0));

        a.Ownership.Suspend();
        h.Seconds(4);
        Assert.Equal(All, b.Owned.Order());
        Assert.Equal(staleEpoch, a.Ownership.EpochOf(partition));
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => a.Storage.Sagas.CommitAsync(Commit(sagaId, partition, staleEpoch, 1)));
        Assert.Equal(StorageConflictKind.Epoch, conflict.Kind);
        Assert.Single(a.Storage.RejectedCommits);
        Assert.Equal(1, (await h.Store.Sagas.GetAsync(sagaId))!.Version);

        await a.Ownership.ResumeAsync();
        Assert.Null(a.Ownership.EpochOf(partition));
        h.Seconds(3);
        Assert.Equal(6, a.Owned.Count);
        Assert.Equal(6, b.Owned.Count);
        Assert.Equal(MemberStatus.Active, (await h.MemberAsync("a")).Status);
    }

    [Fact]
    public async Task A_node_declared_dead_while_alive_registers_again_and_gets_its_share_back()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        var b = await h.StartAsync("b");
        h.Seconds(2);
        await h.Store.Membership.SetStatusAsync("b", MemberStatus.Dead);
        h.Seconds(4);
        Assert.Equal(MemberStatus.Active, (await h.MemberAsync("b")).Status);
        Assert.Equal(6, a.Owned.Count);
        Assert.Equal(6, b.Owned.Count);
    }

    [Fact]
    public async Task After_a_store_outage_nodes_do_not_declare_each_other_dead()
    {
        var h = new OwnershipHarness();
        var a = await h.StartAsync("a");
        var b = await h.StartAsync("b");
        h.Seconds(2);
        a.Storage.TakeDown();
        b.Storage.TakeDown();
        h.Seconds(10);
        Assert.Empty(a.Owned);
        Assert.Empty(b.Owned);
        a.Storage.BringUp();
        b.Storage.BringUp();
        h.Seconds(5);
        Assert.Equal(MemberStatus.Active, (await h.MemberAsync("a")).Status);
        Assert.Equal(MemberStatus.Active, (await h.MemberAsync("b")).Status);
        Assert.Equal(All, a.Owned.Concat(b.Owned).Order());
        Assert.Equal(6, a.Owned.Count);
    }

    [Fact]
    public void Options_are_validated_naming_the_bad_setting()
    {
        var bad = new OrleansSagas.Cluster.ClusterOptions { RenewInterval = TimeSpan.FromSeconds(3) };
        Assert.Equal("RenewInterval", Assert.Throws<ArgumentException>(bad.Validate).ParamName);
        bad = new OrleansSagas.Cluster.ClusterOptions { DeadAfter = TimeSpan.FromMilliseconds(500) };
        Assert.Equal("HeartbeatInterval", Assert.Throws<ArgumentException>(bad.Validate).ParamName);
        bad = new OrleansSagas.Cluster.ClusterOptions { LeaseSafetyMargin = TimeSpan.FromSeconds(3) };
        Assert.Equal("LeaseSafetyMargin", Assert.Throws<ArgumentException>(bad.Validate).ParamName);
        new OrleansSagas.Cluster.ClusterOptions().Validate();
    }

    private static SagaCommit Commit(string id, int partition, long epoch, long expectedVersion) => new()
    {
        Record = new SagaRecord
        {
            Id = id, Definition = "d", DefinitionVersion = 1, Partition = partition, Status = OrleansSagas.Engine.SagaStatus.Running, Input = "{}",
            Version = expectedVersion + 1, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        },
        ExpectedVersion = expectedVersion,
        Epoch = epoch,
        Events = [new StoredEvent(expectedVersion + 1, "E", DateTimeOffset.UnixEpoch, "{}")],
    };
}
