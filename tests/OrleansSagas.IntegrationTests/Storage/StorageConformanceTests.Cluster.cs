using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Definitions_get_a_new_version_only_when_their_content_changes()
    {
        var (v1, created1) = await Storage.Definitions.PutAsync("travel", "asl", "{\"a\":1}", T0);
        var (same, created2) = await Storage.Definitions.PutAsync("travel", "asl", "{\"a\":1}", T0.AddMinutes(1));
        var (v2, created3) = await Storage.Definitions.PutAsync("travel", "asl", "{\"a\":2}", T0.AddMinutes(2));
        var (back, created4) = await Storage.Definitions.PutAsync("travel", "asl", "{\"a\":1}", T0.AddMinutes(3));

        Assert.True(created1);
        Assert.Equal(new DefinitionRecord("travel", 1, "asl", "{\"a\":1}", T0), v1);
        Assert.False(created2);
        Assert.Equal(v1, same);
        Assert.True(created3);
        Assert.Equal(2, v2.Version);
        Assert.True(created4);
        Assert.Equal(new DefinitionRecord("travel", 3, "asl", "{\"a\":1}", T0.AddMinutes(3)), back);
    }

    [Fact]
    public async Task Definitions_are_read_by_version_or_latest_and_listed_by_name()
    {
        await Storage.Definitions.PutAsync("travel", "asl", "v1", T0);
        await Storage.Definitions.PutAsync("travel", "asl", "v2", T0.AddMinutes(1));
        await Storage.Definitions.PutAsync("billing", "asl", "b1", T0.AddMinutes(2));

        Assert.Equal("v1", (await Storage.Definitions.GetAsync("travel", 1))!.Content);
        Assert.Equal(new DefinitionRecord("travel", 2, "asl", "v2", T0.AddMinutes(1)), await Storage.Definitions.GetAsync("travel"));
        Assert.Null(await Storage.Definitions.GetAsync("travel", 3));
        Assert.Null(await Storage.Definitions.GetAsync("unknown"));
        Assert.Equal([("billing", 1), ("travel", 2)], (await Storage.Definitions.ListLatestAsync()).Select(d => (d.Name, d.Version)));
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_name_get_distinct_versions()
    {
        var puts = Enumerable.Range(0, 8)
            .Select(i => System.Threading.Tasks.Task.Run(() => Storage.Definitions.PutAsync("travel", "asl", $"content-{i}", T0)));
        var results = await System.Threading.Tasks.Task.WhenAll(puts);

        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(Enumerable.Range(1, 8), results.Select(r => r.Record.Version).Order());
    }

    [Fact]
    public async Task Membership_upserts_heartbeats_and_status_changes()
    {
        var a = new MemberRecord("node-a", "http://10.0.0.1:8080", T0, MemberStatus.Active, T0);
        var b = new MemberRecord("node-b", "http://10.0.0.2:8080", T0, MemberStatus.Active, T0);
        await Storage.Membership.UpsertAsync(b);
        await Storage.Membership.UpsertAsync(a);
        await Storage.Membership.UpsertAsync(a with { Address = "http://10.0.0.9:8080" });

        Assert.True(await Storage.Membership.HeartbeatAsync("node-a", T0.AddSeconds(5)));
        await Storage.Membership.SetStatusAsync("node-b", MemberStatus.Leaving);

        Assert.Equal(
            [a with { Address = "http://10.0.0.9:8080", LastHeartbeat = T0.AddSeconds(5) }, b with { Status = MemberStatus.Leaving }],
            await Storage.Membership.ListAsync());
    }

    [Fact]
    public async Task Heartbeats_of_unknown_or_dead_nodes_fail()
    {
        await Storage.Membership.UpsertAsync(new MemberRecord("node-a", "http://a", T0, MemberStatus.Active, T0));
        await Storage.Membership.SetStatusAsync("node-a", MemberStatus.Dead);
        await Storage.Membership.SetStatusAsync("ghost", MemberStatus.Dead);

        Assert.False(await Storage.Membership.HeartbeatAsync("node-a", T0.AddSeconds(5)));
        Assert.False(await Storage.Membership.HeartbeatAsync("ghost", T0.AddSeconds(5)));
        var row = Assert.Single(await Storage.Membership.ListAsync());
        Assert.Equal(T0, row.LastHeartbeat);
    }

    [Fact]
    public async Task Lease_acquisition_is_a_compare_and_set_on_the_epoch()
    {
        Assert.Null(await Storage.Leases.TryAcquireAsync(1, "node-a", expectedEpoch: 3, T0.AddMinutes(1)));
        var first = await Storage.Leases.TryAcquireAsync(1, "node-a", 0, T0.AddMinutes(1));
        var again = await Storage.Leases.TryAcquireAsync(1, "node-b", 0, T0.AddMinutes(1));
        var taken = await Storage.Leases.TryAcquireAsync(1, "node-b", 1, T0.AddMinutes(2));
        var lost = await Storage.Leases.TryAcquireAsync(1, "node-c", 1, T0.AddMinutes(2));

        Assert.Equal(new PartitionLease(1, "node-a", 1, T0.AddMinutes(1)), first);
        Assert.Null(again);
        Assert.Equal(new PartitionLease(1, "node-b", 2, T0.AddMinutes(2)), taken);
        Assert.Null(lost);
        Assert.Equal([taken!], await Storage.Leases.ReadAllAsync());
    }

    [Fact]
    public async Task Renewal_extends_only_leases_the_node_holds_at_those_epochs()
    {
        await Storage.Leases.TryAcquireAsync(1, "node-a", 0, T0.AddMinutes(1));
        await Storage.Leases.TryAcquireAsync(2, "node-a", 0, T0.AddMinutes(1));
        await Storage.Leases.TryAcquireAsync(3, "node-b", 0, T0.AddMinutes(1));
        await Storage.Leases.TryAcquireAsync(2, "node-b", 1, T0.AddMinutes(1));

        var renewed = await Storage.Leases.RenewAsync("node-a", new Dictionary<int, long> { [1] = 1, [2] = 1, [3] = 1, [4] = 1 }, T0.AddMinutes(5));

        Assert.Equal([1], renewed);
        Assert.Equal(
            [
                new PartitionLease(1, "node-a", 1, T0.AddMinutes(5)),
                new PartitionLease(2, "node-b", 2, T0.AddMinutes(1)),
                new PartitionLease(3, "node-b", 1, T0.AddMinutes(1)),
            ],
            await Storage.Leases.ReadAllAsync());
    }

    [Fact]
    public async Task A_released_partition_can_be_taken_at_once_with_a_higher_epoch_fencing_the_old_owner()
    {
        var epoch = await AcquireAsync(1);
        await Storage.Sagas.CreateAsync(NewSaga("saga-1", epoch));

        await Storage.Leases.ReleaseAsync(1, "node-b", epoch);
        await Storage.Leases.ReleaseAsync(1, Node, epoch + 7);
        Assert.Equal(Node, (await Storage.Leases.ReadAllAsync())[0].Owner);
        await Storage.Leases.ReleaseAsync(1, Node, epoch);
        var released = Assert.Single(await Storage.Leases.ReadAllAsync());
        var taken = await Storage.Leases.TryAcquireAsync(1, "node-b", released.Epoch, T0.AddMinutes(1));

        Assert.Null(released.Owner);
        Assert.Equal(epoch, released.Epoch);
        Assert.True(released.ExpiresAt < T0);
        Assert.Equal(new PartitionLease(1, "node-b", epoch + 1, T0.AddMinutes(1)), taken);
        Assert.Empty(await Storage.Leases.RenewAsync(Node, new Dictionary<int, long> { [1] = epoch }, T0.AddMinutes(5)));
        var error = await Assert.ThrowsAsync<StorageConflictException>(() => Storage.Sagas.CommitAsync(Next("saga-1", 2, epoch)));
        Assert.Equal(StorageConflictKind.Epoch, error.Kind);
    }

    [Fact]
    public async Task Parallel_nodes_racing_for_a_partition_produce_exactly_one_owner_per_epoch()
    {
        for (var expected = 0L; expected < 5; expected++)
        {
            var epoch = expected;
            var racers = Enumerable.Range(0, 6)
                .Select(n => System.Threading.Tasks.Task.Run(() => Storage.Leases.TryAcquireAsync(1, $"node-{n}", epoch, T0.AddMinutes(1))));
            var results = await System.Threading.Tasks.Task.WhenAll(racers);

            var winner = Assert.Single(results, r => r is not null);
            Assert.Equal(epoch + 1, winner!.Epoch);
            Assert.Equal(winner, Assert.Single(await Storage.Leases.ReadAllAsync()));
        }
    }
}
