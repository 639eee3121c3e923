using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Storage;
using OrleansSagas.Testing;
using OrleansSagas.Testing.Postgres;
using static OrleansSagas.IntegrationTests.Cluster.ClusterSagas;
using Partitioner = OrleansSagas.Runtime.Partitioner;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>In-process clusters on a real PostgreSQL: the SQL provider's epoch fencing, failover and a database restart.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task On_PostgreSQL_a_paused_node_waking_up_is_refused_by_the_lease_epoch_and_nothing_is_decided_twice()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var invocations = new Invocations();
        await using var cluster = await Builder(invocations).UsePostgreSql(await server.CreateDatabaseAsync("zombie")).WithNodes(2).StartAsync();
        var (zombie, survivor) = (cluster.Nodes[0], cluster.Nodes[1]);
        var id = IdOwnedBy(cluster, zombie, "zombie");
        var hold = cluster.Faults.HoldStep("hotel", node: zombie.Name, sagaId: id);
        await cluster.Client.StartAsync("trip", new Trip("ada"), id);
        await hold.WhenReached.WaitAsync(Deadline);

        zombie.Pause();
        await cluster.WaitUntilAsync(async () => (await cluster.Storage.Sagas.GetAsync(id))!.Status == SagaStatus.Succeeded, "the survivor finished the saga", Deadline);
        var finished = await cluster.Storage.Sagas.GetAsync(id);
        hold.Release();
        await cluster.WaitUntilAsync(() => Task.FromResult(zombie.Storage.HeldCommits.Any(c => c.Record.Id == id)), "the zombie tries to commit", Deadline);
        await zombie.ResumeAsync();

        var rejected = Assert.Single(zombie.Storage.RejectedCommits, r => r.Commit.Record.Id == id);
        Assert.Equal(StorageConflictKind.Epoch, rejected.Conflict.Kind);
        Assert.Equal(finished, await cluster.Storage.Sagas.GetAsync(id));
        Assert.Single(await cluster.Client.GetHistoryAsync(id), e => e.Type == "SagaFinished");
        Assert.Empty(await cluster.FindDuplicateDecisionsAsync());
        Assert.Equal(survivor.Name, Assert.Single(invocations.Calls, c => c.SagaId == id && c.Step == "notify").Node);
    }

    [Fact]
    public async Task On_PostgreSQL_killing_one_of_three_nodes_under_200_waiting_sagas_loses_none_and_decides_none_twice()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var invocations = new Invocations();
        await using var cluster = await Builder(invocations).UsePostgreSql(await server.CreateDatabaseAsync("kill")).WithNodes(3).StartAsync();
        var ids = Enumerable.Range(0, 200).Select(i => $"kill-{i}").ToList();
        foreach (var batch in ids.Chunk(25))
            await Task.WhenAll(batch.Select(id => cluster.Client.StartAsync("trip", new Trip("ada", WaitSeconds: 3), id)));
        await cluster.WaitUntilAsync(() => Task.FromResult(invocations.Sagas("flight") == ids.Count), "every saga booked its flight", Deadline);

        var victim = cluster.Nodes[2];
        Assert.True(ids.Count(id => victim.OwnedPartitions.Contains(Partitioner.PartitionOf(id, cluster.PartitionCount))) > 30);
        await cluster.KillNodeAsync(victim);

        await cluster.WaitUntilAsync(async () => await CountAsync(cluster.Storage, SagaStatus.Succeeded) == ids.Count, "every saga succeeded", Deadline);
        Assert.Empty(await cluster.FindDuplicateDecisionsAsync());
        await cluster.WaitForStableAsync();
    }

    [Fact]
    public async Task When_PostgreSQL_restarts_under_load_nodes_back_off_and_every_saga_finishes_once_it_is_back()
    {
        await using var server = await PostgresTestServer.StartAsync();
        var invocations = new Invocations();
        await using var cluster = await Builder(invocations).UsePostgreSql(await server.CreateDatabaseAsync("restart")).WithNodes(2).StartAsync();
        cluster.ClientRetryTimeout = Deadline;
        var ids = Enumerable.Range(0, 100).Select(i => $"restart-{i}").ToList();
        await Task.WhenAll(ids.Select(id => cluster.Client.StartAsync("trip", new Trip("ada", WaitSeconds: 1), id)));

        await server.StopAsync();
        await cluster.WaitUntilAsync(() => Task.FromResult(cluster.Nodes.All(n => n.OwnedPartitions.Count == 0)),
            "every node stopped writing (its leases could not be renewed)", Deadline);
        await server.RestartAsync();

        await cluster.WaitUntilAsync(async () => await CountAsync(cluster.Storage, SagaStatus.Succeeded) == ids.Count, "every saga succeeded", Deadline);
        Assert.Empty(await cluster.FindDuplicateDecisionsAsync());
        await cluster.WaitForStableAsync();
        Assert.All(ids, id => Assert.Contains(invocations.Calls, c => c.SagaId == id && c.Step == "notify"));
    }
}
