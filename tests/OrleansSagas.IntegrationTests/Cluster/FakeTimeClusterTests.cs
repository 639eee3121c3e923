using Microsoft.Extensions.Time.Testing;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.IntegrationTests.SiloProcesses;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>Durable waits of a TestCluster on PostgreSQL driven by fake time: an hour passes when the test says so.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class FakeTimeClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_hour_waits_on_two_silos_complete_as_soon_as_the_clock_passes_the_hour()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var cluster = await StorageTestCluster.StartPostgreSqlAsync("hour", silos: 2, time);
        var ids = Enumerable.Range(0, 20).Select(i => $"hour-{i:D2}").ToList();
        await Task.WhenAll(ids.Select(id => cluster.Client.StartAsync(ClusterSagas.HourWait, new ClusterTrip("ada"), id)));
        await cluster.UntilAllRecordedAsync(ids, "DelayStarted", Deadline);
        Assert.Equal(2, cluster.Invocations.Calls.Select(c => c.Silo).Distinct().Count());

        time.Advance(TimeSpan.FromMinutes(59));
        foreach (var id in ids) Assert.Equal(SagaStatus.Running, (await cluster.Client.DescribeAsync(id)).Status);
        Assert.Equal(0, cluster.Invocations.Sagas("notify"));

        time.Advance(TimeSpan.FromMinutes(1));
        var sagas = await Task.WhenAll(ids.Select(id => cluster.Client.WaitAsync(id, Deadline)));

        Assert.All(sagas, s => Assert.Equal(SagaStatus.Succeeded, s.Status));
        Assert.All(ids, id => Assert.Equal(1, cluster.Invocations.Count(id, "notify")));
        // Each wait ended at the fake instant the hour was up, not at a later reminder tick.
        foreach (var id in ids)
        {
            Assert.Equal(time.GetUtcNow(), SagaHistoryChecks.SucceededAt(await cluster.Client.GetHistoryAsync(id), "hour"));
        }
    }
}
