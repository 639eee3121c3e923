using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Testing;
using static OrleansSagas.Tests.Cluster.ClusterTestSagas;

namespace OrleansSagas.Tests.Cluster;

/// <summary>A cluster of in-process nodes over one in-memory store: routing, forwarding and step fault injection.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SagaTestClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sagas_started_through_any_node_run_every_step_once_on_the_owner_of_their_partition()
    {
        var log = new ClusterStepLog();
        await using var cluster = await Builder(log).WithNodes(3).StartAsync();
        Assert.All(cluster.Nodes, n => Assert.InRange(n.OwnedPartitions.Count, 5, 6));
        var ids = Enumerable.Range(0, 45).Select(i => $"spread-{i}").ToList();
        // Each saga is started through a node chosen regardless of ownership, so most starts are forwarded.
        await Task.WhenAll(ids.Select((id, i) => cluster.Nodes[i % 3].Client.StartAsync("order", new Order("ada"), id)));
        foreach (var id in ids)
        {
            var owner = OwnerOf(cluster, id)!.Name;
            Assert.Equal(SagaStatus.Succeeded, (await cluster.Client.GetHandle(id).WaitForCompletionAsync().WaitAsync(Deadline)).Status);
            Assert.All(["reserve", "charge", "ship"], step => Assert.Equal(1, log.Count(id, step)));
            Assert.All(log.Calls.Where(c => c.SagaId == id), c => Assert.Equal(owner, c.Node));
        }
        Assert.Equal(3, log.Calls.Select(c => c.Node).Distinct().Count());
        Assert.Empty(await cluster.FindDuplicateDecisionsAsync());
    }

    [Fact]
    public async Task Starting_again_through_another_node_is_idempotent_and_a_different_input_conflicts()
    {
        var log = new ClusterStepLog();
        await using var cluster = await Builder(log).WithNodes(2).StartAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var id = IdOwnedBy(cluster, b, "idem");
        var first = await a.Client.StartAsync("order", SagaJson.ToElement(new Order("ada")), id);
        var again = await b.Client.StartAsync("order", SagaJson.ToElement(new Order("ada")), id);
        Assert.True(first.Created);
        Assert.False(again.Created);
        await Assert.ThrowsAsync<SagaConflictException>(() => a.Client.StartAsync("order", SagaJson.ToElement(new Order("bob")), id));
        await Assert.ThrowsAsync<DefinitionNotFoundException>(() => a.Client.StartAsync("missing", SagaJson.ToElement(new Order("ada")), id + "x"));
        await Assert.ThrowsAsync<SagaNotFoundException>(() => a.Client.SignalAsync(IdOwnedBy(cluster, b, "nobody"), "approved", SagaJson.Parse("{}")));
    }

    [Fact]
    public async Task Signals_and_child_sagas_reach_sagas_owned_by_other_nodes()
    {
        var log = new ClusterStepLog();
        await using var cluster = await Builder(log).WithNodes(3).StartAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var approval = IdOwnedBy(cluster, b, "approval");
        await a.Client.StartAsync("approval", new Order("ada"), approval);
        await cluster.WaitUntilAsync(async () => log.Count(approval, "reserve") == 1
            && (await cluster.Client.DescribeAsync(approval)).Steps.Single(s => s.Name == "approval").Status == StepStatus.Running, "the saga waits for its signal");
        await c.Client.SignalAsync(approval, "approved", SagaJson.Parse("""{"by":"manager"}"""));
        Assert.Equal(SagaStatus.Succeeded, (await cluster.Client.GetHandle(approval).WaitForCompletionAsync().WaitAsync(Deadline)).Status);

        // A parent whose child saga (id "<parent>/child") lives on another node, started through the third node.
        var parent = Enumerable.Range(0, 10_000).Select(i => $"parent-{i}")
            .First(id => OwnerOf(cluster, id) is { } p && OwnerOf(cluster, id + "/child") is { } k && p != k);
        var (parentOwner, childOwner) = (OwnerOf(cluster, parent)!, OwnerOf(cluster, parent + "/child")!);
        var third = cluster.Nodes.Single(n => n != parentOwner && n != childOwner);
        await third.Client.StartAsync("parent", new Order("ada"), parent);
        var done = await cluster.Client.GetHandle(parent).WaitForCompletionAsync().WaitAsync(Deadline);
        Assert.Equal(SagaStatus.Succeeded, done.Status);
        Assert.Equal(childOwner.Name, Assert.Single(log.Calls, x => x.SagaId == parent + "/child" && x.Step == "ship").Node);
        Assert.Equal(parentOwner.Name, Assert.Single(log.Calls, x => x.SagaId == parent && x.Step == "notify").Node);
    }

    [Fact]
    public async Task Injected_step_and_undo_failures_unwind_and_get_stuck_as_on_one_node()
    {
        var log = new ClusterStepLog();
        await using var cluster = await Builder(log).WithNodes(2).StartAsync();
        cluster.Faults.FailStep("charge", sagaId: "fails");
        var failed = await cluster.Client.StartAsync("order", new Order("ada"), "fails");
        var compensated = await failed.WaitForCompletionAsync().WaitAsync(Deadline);
        Assert.Equal(SagaStatus.Compensated, compensated.Status);
        Assert.Equal(SagaFaults.InjectedError, compensated.Error?.Error);
        Assert.Equal(1, log.Count("fails", "reserve", undo: true));
        Assert.Equal(0, log.Count("fails", "charge"));

        cluster.Faults.FailStep("ship", sagaId: "stuck");
        cluster.Faults.FailUndo("charge", sagaId: "stuck");
        var stuck = await (await cluster.Client.StartAsync("order", new Order("ada"), "stuck")).WaitForCompletionAsync().WaitAsync(Deadline);
        Assert.Equal((SagaStatus.Stuck, "charge"), (stuck.Status, stuck.StuckNode));
        Assert.Equal(0, log.Count("stuck", "reserve", undo: true));
    }

    [Fact]
    public async Task On_fake_time_waits_skip_time_so_an_hour_long_durable_wait_completes_across_a_kill()
    {
        var log = new ClusterStepLog();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cluster = await Builder(log).UseTimeProvider(time).WithNodes(2).StartAsync();
        var victim = cluster.Nodes[0];
        var id = IdOwnedBy(cluster, victim, "hour");
        await cluster.Client.StartAsync("order", new Order("ada", WaitSeconds: 3600), id);
        await cluster.WaitUntilAsync(async () => (await cluster.Client.DescribeAsync(id)).Steps.Single(s => s.Name == "wait").Status == StepStatus.Running,
            "the durable wait started");
        await cluster.KillNodeAsync(victim);
        await cluster.WaitForStableAsync();
        Assert.Equal(SagaStatus.Running, (await cluster.Storage.Sagas.GetAsync(id))!.Status);
        for (var minute = 0; minute < 61; minute++) time.Advance(TimeSpan.FromMinutes(1));
        await cluster.WaitUntilAsync(async () => (await cluster.Storage.Sagas.GetAsync(id))!.Status == SagaStatus.Succeeded, "the survivor finished the saga");
        Assert.Equal(cluster.Nodes[0].Name, Assert.Single(log.Calls, c => c.SagaId == id && c.Step == "ship").Node);
        await cluster.WaitForStableAsync();
        Assert.Equal(16, cluster.Nodes[0].OwnedPartitions.Count);
    }
}
