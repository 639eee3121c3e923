using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.IntegrationTests.Cluster;
using OrleansSagas.IntegrationTests.SiloProcesses;
using OrleansSagas.Tasks;

namespace OrleansSagas.IntegrationTests.Activities;

/// <summary>Activity queues and the cluster-wide concurrency limit on a three-silo TestCluster on PostgreSQL.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ActivityClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Workers_polling_through_every_silo_never_hold_more_tasks_than_the_activitys_limit()
    {
        await using var cluster = await StorageTestCluster.StartPostgreSqlAsync("limit", silos: 3);
        var ids = Enumerable.Range(0, 36).Select(i => $"fragile-{i:D2}").ToList();
        await Task.WhenAll(ids.Select(id => cluster.Client.StartAsync(ClusterSagas.Fragile, new ClusterTrip("ada"), id)));

        // Two workers per silo, each polling through its own silo's gateway grain.
        var held = 0;
        var maxHeld = 0;
        var done = 0;
        var clients = cluster.Cluster.Silos.Select(s => new GrainTaskClient(((InProcessSiloHandle)s).SiloHost.Services.GetRequiredService<IGrainFactory>())).ToList();
        using var stop = new CancellationTokenSource(Deadline);
        var workers = clients.SelectMany(c => new[] { c, c }).Select((client, w) => Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < ids.Count && !stop.IsCancellationRequested)
            {
                if (await client.PollAsync(ClusterSagas.FragileActivity, $"worker-{w}", TimeSpan.FromSeconds(1)) is not { } task) continue;
                var now = Interlocked.Increment(ref held);
                InterlockedMax(ref maxHeld, now);
                await Task.Delay(10);
                // The work: the next task may be handed out only after this one is reported.
                Interlocked.Decrement(ref held);
                await client.SendSuccessAsync(task.TaskToken, SagaJson.Parse($$"""{"worker":{{w}}}"""));
                Interlocked.Increment(ref done);
            }
        })).ToList();
        await Task.WhenAll(workers);

        var sagas = await Task.WhenAll(ids.Select(id => cluster.Client.WaitAsync(id, Deadline)));
        Assert.All(sagas, s => Assert.Equal(SagaStatus.Succeeded, s.Status));
        Assert.Equal(ids.Count, Volatile.Read(ref done));
        Assert.InRange(maxHeld, 2, ClusterSagas.FragileLimit);
        var gateway = cluster.Cluster.Client.GetGrain<ITaskGatewayGrain>(0);
        await Infrastructure.Eventually.True(async () => await gateway.DescribeActivityAsync(ClusterSagas.FragileActivity) is { Queued: 0, HandedOut: 0, MaxConcurrency: ClusterSagas.FragileLimit },
            "every permit is released", Deadline);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
