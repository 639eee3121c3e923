using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Storage;
using OrleansSagas.Testing;
using static OrleansSagas.Tests.Cluster.ClusterTestSagas;
using Partitioner = OrleansSagas.Runtime.Partitioner;

namespace OrleansSagas.Tests.Cluster;

/// <summary>Single ownership under failures: zombies, kills, nodes joining and leaving, the store going away.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFailoverTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_paused_node_that_wakes_up_has_its_late_decision_rejected_and_nothing_is_decided_twice()
    {
        var log = new ClusterStepLog();
        await using var cluster = await Builder(log).WithNodes(2).StartAsync();
        var (zombie, survivor) = (cluster.Nodes[0], cluster.Nodes[1]);
        var id = IdOwnedBy(cluster, zombie, "zombie");
        var hold = cluster.Faults.HoldStep("charge", node: zombie.Name, sagaId: id);
        await cluster.Client.StartAsync("order", new Order("ada"), id);
        await hold.WhenReached.WaitAsync(Deadline);

        zombie.Pause();
        await cluster.WaitUntilAsync(async () => (await cluster.Storage.Sagas.GetAsync(id))!.Status == SagaStatus.Succeeded,
            "the survivor took the partition over and finished the saga", Deadline);
        Assert.Equal(survivor.Name, Assert.Single(log.Calls, c => c.SagaId == id && c.Step == "ship").Node);
        var finished = await cluster.Storage.Sagas.GetAsync(id);

        // The zombie's step returns; it still believes it owns the saga and commits its decision, late.
        hold.Release();
        await cluster.WaitUntilAsync(() => Task.FromResult(zombie.Storage.HeldCommits.Any(c => c.Record.Id == id)), "the zombie tries to commit", Deadline);
        await zombie.ResumeAsync();

        var rejected = Assert.Single(zombie.Storage.RejectedCommits, r => r.Commit.Record.Id == id);
        Assert.Equal(StorageConflictKind.Epoch, rejected.Conflict.Kind);
        Assert.True(rejected.Commit.Epoch < (await cluster.Storage.Leases.ReadAllAsync()).Single(l => l.Partition == rejected.Commit.Record.Partition).Epoch);
        Assert.Equal(finished, await cluster.Storage.Sagas.GetAsync(id));
        var history = await cluster.Client.GetHistoryAsync(id);
        Assert.Single(history, e => e.Type == "SagaFinished");
        Assert.Single(history, e => e.Type == "NodeSucceeded" && e.Data.GetProperty("node").GetString() == "charge");
        Assert.Empty(await cluster.FindDuplicateDecisionsAsync());
        Assert.Equal([zombie.Name, survivor.Name], log.Calls.Where(c => c.SagaId == id && c.Step == "charge").Select(c => c.Node).Order());
        await cluster.WaitForStableAsync();
    }

    [Fact]
    public async Task Killing_one_of_three_nodes_under_500_sagas_in_durable_waits_loses_none_and_decides_none_twice()
    {
        var log = new ClusterStepLog();
        await using var cluster = await Builder(log).WithNodes(3).StartAsync();
        var ids = Enumerable.Range(0, 500).Select(i => $"wait-{i}").ToList();
        foreach (var batch in ids.Chunk(50))
            await Task.WhenAll(batch.Select(id => cluster.Client.StartAsync("order", new Order("ada", WaitSeconds: 2), id)));
        await cluster.WaitUntilAsync(() => Task.FromResult(log.DistinctSagas("reserve") == ids.Count), "every saga reserved and waits", Deadline);

        var victim = cluster.Nodes[1];
        var victimsSagas = ids.Count(id => victim.OwnedPartitions.Contains(Partitioner.PartitionOf(id, cluster.PartitionCount)));
        Assert.True(victimsSagas > 100, $"the victim owns {victimsSagas} of the waiting sagas");
        await cluster.KillNodeAsync(victim);

        await cluster.WaitUntilAsync(async () => await CountAsync(cluster, SagaStatus.Succeeded) == ids.Count, "every saga succeeded", Deadline);
        Assert.Empty(await cluster.FindDuplicateDecisionsAsync());
        Assert.All(ids, id => Assert.InRange(log.Count(id, "ship"), 1, 2));
        Assert.Contains(log.Calls, c => c.Node == victim.Name);
        await cluster.WaitForStableAsync();
        Assert.All(cluster.Nodes, n => Assert.Equal(8, n.OwnedPartitions.Count));
    }

    [Fact]
    public async Task Nodes_joining_leaving_and_restarting_under_load_keep_every_saga_progressing()
    {
        var log = new ClusterStepLog();
        await using var cluster = await Builder(log).WithNodes(3).StartAsync();
        var ids = Enumerable.Range(0, 300).Select(i => $"churn-{i}").ToList();
        var starting = Task.WhenAll(ids.Select((id, i) => cluster.Client.StartAsync("order", new Order("ada", WaitSeconds: 0.2 + i % 7 * 0.2), id)));

        var joined = await cluster.StartAdditionalNodeAsync();
        await cluster.StopNodeAsync(cluster.Nodes[0]);
        await cluster.WaitForStableAsync();
        var restarted = await cluster.RestartNodeAsync(cluster.Nodes[0]);
        await cluster.KillNodeAsync(joined);
        await starting.WaitAsync(Deadline);

        await cluster.WaitUntilAsync(async () => await CountAsync(cluster, SagaStatus.Succeeded) == ids.Count, "every saga succeeded", Deadline);
        Assert.Empty(await cluster.FindDuplicateDecisionsAsync());
        await cluster.WaitForStableAsync();
        Assert.Equal(2, cluster.Nodes.Count);
        Assert.Contains(restarted, cluster.Nodes);
        Assert.Equal(5, cluster.AllNodes.Count);
    }

    [Fact]
    public async Task When_the_store_goes_away_every_node_stops_writing_and_every_saga_finishes_once_it_is_back()
    {
        var log = new ClusterStepLog();
        await using var cluster = await Builder(log).WithNodes(2).StartAsync();
        var ids = Enumerable.Range(0, 100).Select(i => $"outage-{i}").ToList();
        await Task.WhenAll(ids.Select(id => cluster.Client.StartAsync("order", new Order("ada", WaitSeconds: 0.5), id)));

        cluster.TakeStorageDown();
        await cluster.WaitUntilAsync(() => Task.FromResult(cluster.Nodes.All(n => n.OwnedPartitions.Count == 0)),
            "every node gave its partitions up (self-fencing)", Deadline);
        Assert.True(await CountAsync(cluster, SagaStatus.Running) > 0, "the outage caught sagas in flight");
        cluster.BringStorageUp();

        await cluster.WaitUntilAsync(async () => await CountAsync(cluster, SagaStatus.Succeeded) == ids.Count, "every saga succeeded", Deadline);
        Assert.Empty(await cluster.FindDuplicateDecisionsAsync());
        await cluster.WaitForStableAsync();
    }

    private static async Task<int> CountAsync(SagaTestCluster cluster, SagaStatus status) =>
        (await cluster.Storage.Sagas.QueryAsync(new SagaQuery(status, null, 1000))).Items.Count;
}
