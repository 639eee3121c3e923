using Microsoft.Extensions.Time.Testing;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.IntegrationTests.SiloProcesses;
using Xunit.Abstractions;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>A TestCluster of three silos on one PostgreSQL database losing a silo while hundreds of sagas wait durably.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int Sagas = 500;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_one_of_three_silos_under_500_waiting_sagas_loses_none_and_applies_no_decision_twice()
    {
        // Fake time holds every saga in its one-hour wait until the test moves the clock, however slow the machine.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var cluster = await StorageTestCluster.StartPostgreSqlAsync("failover", silos: 3, time);
        var ids = Enumerable.Range(0, Sagas).Select(i => $"failover-{i:D3}").ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, token) =>
            await cluster.Client.StartAsync(ClusterSagas.Trip, new ClusterTrip("ada", WaitSeconds: 3600), id, token));
        await cluster.UntilAllRecordedAsync(ids, "DelayStarted", Deadline);
        output.WriteLine($"{Sagas} sagas started and waiting after {clock.Elapsed}");

        var victim = cluster.Cluster.SecondarySilos[^1];
        var victimAddress = victim.SiloAddress.ToString();
        var waitingOnVictim = cluster.Invocations.Calls.Where(c => c.Silo == victimAddress && c.Step == "pay").Select(c => c.SagaId).ToHashSet();
        Assert.True(waitingOnVictim.Count > 20, $"only {waitingOnVictim.Count} sagas live on the silo to kill");
        Assert.Equal(0, cluster.Invocations.Sagas("notify"));

        await cluster.Cluster.KillSiloAsync(victim);
        time.Advance(TimeSpan.FromMinutes(61));
        clock.Restart();

        await Eventually.True(async () => await cluster.CountAsync(SagaStatus.Succeeded, ClusterSagas.Trip) == Sagas, "every saga succeeded", Deadline, every: TimeSpan.FromMilliseconds(250));
        output.WriteLine($"{waitingOnVictim.Count} sagas waited on the killed silo; all {Sagas} succeeded {clock.Elapsed} after the kill");
        Assert.Empty(await SagaHistoryChecks.FindProblemsAsync(cluster.Storage.Catalog, ids));
        // Nothing was in flight at the kill: every step ran exactly once, the notifications of the killed silo's sagas on the survivors.
        Assert.Empty(cluster.Invocations.Calls.GroupBy(c => (c.SagaId, c.Step)).Where(g => g.Count() > 1).Select(g => $"{g.Key.SagaId}/{g.Key.Step} ran {g.Count()} times"));
        Assert.All(ids, id => Assert.Equal(1, cluster.Invocations.Count(id, "notify")));
        Assert.DoesNotContain(cluster.Invocations.Calls, c => c.Step == "notify" && c.Silo == victimAddress);
        var sample = await cluster.Client.DescribeAsync(waitingOnVictim.First());
        Assert.Equal(SagaStatus.Succeeded, sample.Status);
    }
}
