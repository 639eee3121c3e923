using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.IntegrationTests.SiloProcesses;
using OrleansSagas.Runtime;
using OrleansSagas.Silo.Samples.TravelBooking;
using OrleansSagas.Storage;
using OrleansSagas.Testing;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>Real silo processes forming one cluster on PostgreSQL, one of them killed with SIGKILL mid-load.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SiloClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_silos_on_PostgreSQL_lose_no_saga_and_decide_none_twice_when_one_is_killed_mid_load()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        await using var cluster = await SiloCluster.StartAsync(await server.CreateDatabaseAsync("silos"), 3);
        var client = cluster.CreateClient();
        await Eventually.True(async () => (await cluster.Storage.Leases.ReadAllAsync()).Select(l => l.Owner).Distinct().Count() == 3,
            "the three silos share the partitions", Deadline);

        var before = Enumerable.Range(0, 120).Select(i => $"silo-trip-{i}").ToList();
        foreach (var batch in before.Chunk(20))
            await Task.WhenAll(batch.Select(id => client.StartAsync(TravelBookingSaga.Name, new TripRequest("ada", 10m, "AMS", "LIS", DelaySeconds: 3), id)));

        // Kill the gateway the client prefers, while most sagas wait durably on every node.
        var (victim, victimAddress) = cluster.Silos[0];
        var victimName = (await cluster.MemberAtAsync(victimAddress)).Node;
        var victimPartitions = (await cluster.Storage.Leases.ReadAllAsync()).Where(l => l.Owner == victimName).Select(l => l.Partition).ToHashSet();
        Assert.Contains(before, id => victimPartitions.Contains(Partitioner.PartitionOf(id, 64)));
        victim.Kill();

        // The client fails over to the other gateways; sagas of the dead node's partitions wait for their new owner.
        var after = Enumerable.Range(0, 30).Select(i => $"silo-late-{i}").ToList();
        await Task.WhenAll(after.Select(id => client.StartAsync(TravelBookingSaga.Name, new TripRequest("bob", 5m, "CPH", "OSL"), id)));

        var all = before.Concat(after).ToList();
        await Eventually.True(async () => await ClusterSagas.CountAsync(cluster.Storage, SagaStatus.Succeeded, TravelBookingSaga.Name) == all.Count,
            "every saga succeeded", Deadline);
        var sample = await client.GetHandle(before.First(id => victimPartitions.Contains(Partitioner.PartitionOf(id, 64)))).WaitForCompletionAsync();
        Assert.Equal(SagaStatus.Succeeded, sample.Status);
        Assert.Empty(await SagaHistoryChecks.FindDuplicateDecisionsAsync(cluster.Storage));

        // Partitions move when leases lapse; the membership verdict follows on the survivors' next round.
        await Eventually.True(async () => (await cluster.Storage.Membership.ListAsync()).Single(m => m.Node == victimName).Status == MemberStatus.Dead,
            "the killed silo is declared dead", Deadline);
        var owners = (await cluster.Storage.Leases.ReadAllAsync()).Select(l => l.Owner).ToHashSet();
        Assert.DoesNotContain(victimName, owners);
        Assert.Equal(2, owners.Count);
    }
}
