using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.IntegrationTests.Cluster;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Silo.Samples.TravelBooking;
using OrleansSagas.Testing.Postgres;
using Xunit.Abstractions;

namespace OrleansSagas.IntegrationTests.SiloProcesses;

/// <summary>Three real silo processes forming one cluster on PostgreSQL; one of them killed with SIGKILL mid-load.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class PostgresSiloClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_silo_processes_on_PostgreSQL_finish_every_saga_when_one_is_killed_mid_load()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var cluster = await PostgresSiloCluster.StartAsync(await server.CreateDatabaseAsync("silos"), silos: 3);
        output.WriteLine($"three silos serving after {clock.Elapsed}");
        var (victim, survivors) = (cluster.Silos[0], cluster.Silos.Skip(1).ToArray());

        // Before the kill: trips started through every silo, so some live on the victim and wait there.
        var before = Enumerable.Range(0, 60).Select(i => $"before-{i:D2}").ToList();
        await Task.WhenAll(before.Select((id, i) =>
            PostgresSiloCluster.ClientOf(cluster.Silos[i % 3]).StartAsync(TravelBookingSaga.Name, Trip("ada", delaySeconds: 4), id)));
        await Eventually.True(() => PaidOn(victim).Count > 0, "trips run on the silo to kill", Deadline);

        // Mid-load: trips keep being started through the two other silos while the victim is killed.
        var client = PostgresSiloCluster.ClientOf(survivors);
        var during = Enumerable.Range(0, 60).Select(i => $"during-{i:D2}").ToList();
        var startedDuring = 0;
        var load = Task.WhenAll(during.Select(async id =>
        {
            await client.StartAsync(TravelBookingSaga.Name, Trip("bob", delaySeconds: 1), id);
            Interlocked.Increment(ref startedDuring);
        }));
        await Eventually.True(() => Volatile.Read(ref startedDuring) >= 10, "the load is under way", Deadline);
        var onVictim = PaidOn(victim);
        var runsBeforeKill = cluster.StepRuns().Select(r => r.Key).ToList();
        var killedAt = DateTimeOffset.UtcNow;
        victim.Kill();
        await load.WaitAsync(Deadline);
        output.WriteLine($"{onVictim.Count} trips had paid on the killed silo; the load finished {DateTimeOffset.UtcNow - killedAt} after the kill");

        var all = before.Concat(during).ToList();
        await Eventually.True(async () => await CatalogRows.CountAsync(cluster.Storage.Catalog, SagaStatus.Succeeded, TravelBookingSaga.Name) == all.Count,
            "every trip succeeded", Deadline, every: TimeSpan.FromMilliseconds(250));
        output.WriteLine($"all {all.Count} trips succeeded {DateTimeOffset.UtcNow - killedAt} after the kill");
        foreach (var line in survivors.SelectMany(s => s.Output.Split('\n')).Where(l => l.Contains("warn: OrleansSagas.", StringComparison.Ordinal) || l.Contains("fail: OrleansSagas.", StringComparison.Ordinal)).Take(20))
            output.WriteLine(line.Length > 240 ? line[..240] + " …" : line);
        Assert.NotEmpty(onVictim);
        Assert.Empty(await SagaHistoryChecks.FindProblemsAsync(cluster.Storage.Catalog, all));
        // A step runs again only when the crash caught it running: on the killed silo, or on a survivor whose activation
        // Orleans deactivated because the killed silo held its directory entry. Then its success is recorded after the kill.
        var runs = cluster.StepRuns();
        var unexplained = new List<string>();
        foreach (var repeated in runs.GroupBy(r => r.Key).Where(g => g.Count() > 1))
        {
            var (sagaId, step) = (repeated.Key.Split('/')[0], repeated.Key.Split('/')[1]);
            var succeededAt = SagaHistoryChecks.SucceededAt(await cluster.Storage.Catalog.ReadEventsAsync(sagaId), step);
            output.WriteLine($"{repeated.Key} ran twice (on {string.Join(", ", repeated.Select(r => r.Silo == victim ? "the killed silo" : r.Silo.BaseAddress.ToString()))}); succeeded {succeededAt - killedAt} after the kill");
            if (repeated.Count() > 2 || runsBeforeKill.Count(k => k == repeated.Key) > 1 || succeededAt <= killedAt)
                unexplained.Add($"{repeated.Key} ran {repeated.Count()} times ({runsBeforeKill.Count(k => k == repeated.Key)} before the kill), succeeded at {succeededAt:O}, killed at {killedAt:O}");
        }
        Assert.Empty(unexplained);
        Assert.All(all, id => Assert.Contains(runs, r => r.Key == $"{id}/notify-customer"));
        var sample = await client.DescribeAsync(onVictim.First());
        Assert.Equal(SagaStatus.Succeeded, sample.Status);
    }

    private static HashSet<string> PaidOn(SiloProcess silo) =>
        [.. silo.Steps.Entries().Where(e => e.Key.EndsWith("/process-payment", StringComparison.Ordinal)).Select(e => e.Key.Split('/')[0])];

    private static TripRequest Trip(string customer, int delaySeconds) => new(customer, 10m, "AMS", "LIS", delaySeconds);
}
