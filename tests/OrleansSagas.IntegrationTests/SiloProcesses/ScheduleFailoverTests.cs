using OrleansSagas.Engine;
using OrleansSagas.IntegrationTests.Cluster;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Schedules;
using OrleansSagas.Silo.Samples.TravelBooking;
using OrleansSagas.Testing.Postgres;
using Xunit.Abstractions;

namespace OrleansSagas.IntegrationTests.SiloProcesses;

/// <summary>An every-second schedule on three real silo processes (PostgreSQL) whose silo is killed with SIGKILL mid-run.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ScheduleFailoverTests(ITestOutputHelper output)
{
    private const string Name = "every-second";

    [Fact]
    public async Task An_every_second_schedule_starts_exactly_one_saga_per_occurrence_when_the_silo_running_it_is_killed()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        await using var cluster = await PostgresSiloCluster.StartAsync(await server.CreateDatabaseAsync("schedule"), silos: 3);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(3);
        var end = start.AddSeconds(60);
        var spec = new ScheduleSpec
        {
            Definition = TravelBookingSaga.Name,
            Input = SagaJson.ToElement(new TripRequest("cron", 1m, "AMS", "LIS", 0)),
            Every = TimeSpan.FromSeconds(1),
            StartAt = start,
            EndAt = end,
            CatchUp = ScheduleCatchUpPolicy.All,
            CatchUpWindow = TimeSpan.FromMinutes(10),
            Overlap = ScheduleOverlapPolicy.Allow,
        };
        await PostgresSiloCluster.ClientOf([.. cluster.Silos]).PutScheduleAsync(Name, spec);
        SiloProcess? host = null;
        await Eventually.True(() => (host = cluster.Silos.FirstOrDefault(s => s.Output.Contains($"Schedule {Name} created", StringComparison.Ordinal))) is not null,
            "a silo runs the schedule");

        // Half-way through the minute, the silo running the schedule dies without a word.
        await Eventually.True(async () => (await StartedAsync(cluster)).Count >= 30, "30 occurrences have started", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        var killedAt = DateTimeOffset.UtcNow;
        host!.Kill();
        output.WriteLine($"killed the silo running the schedule at {killedAt:HH:mm:ss.fff}");
        var survivors = PostgresSiloCluster.ClientOf([.. cluster.Silos.Where(s => s != host)]);
        await Eventually.True(async () => (await survivors.DescribeScheduleAsync(Name)).Status == ScheduleStatus.Ended,
            "the schedule ends", end - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));

        // The occurrence list is known in advance: every second from start (inclusive) to end (exclusive), each one saga.
        var expected = Enumerable.Range(0, 60).Select(k => ScheduleIds.SagaId(Name, start.AddSeconds(k))).ToList();
        var started = await StartedAsync(cluster);
        Assert.Equal(expected, started.Select(r => r.Id));
        var schedule = await survivors.DescribeScheduleAsync(Name);
        Assert.Equal(60, schedule.RunCount);
        Assert.DoesNotContain(schedule.Runs, r => r.Outcome != ScheduleRunOutcome.Started);
        var lateness = started.Select(r => r.CreatedAt - start.AddSeconds(expected.IndexOf(r.Id))).ToList();
        foreach (var line in cluster.Silos.Where(s => s != host).SelectMany(s => s.Output.Split('\n')).Where(l => l.Contains("OrleansSagas.Schedules", StringComparison.Ordinal)))
            output.WriteLine(line.Length > 240 ? line[..240] + " …" : line);
        foreach (var row in started.Where(r => Math.Abs((r.CreatedAt - killedAt).TotalSeconds) < 8))
            output.WriteLine($"{row.Id} started {row.CreatedAt:HH:mm:ss.fff} ({(row.CreatedAt - start.AddSeconds(expected.IndexOf(row.Id))).TotalMilliseconds:0} ms late)");
        output.WriteLine($"occurrences started {lateness.Average(l => l.TotalMilliseconds):0} ms late on average, {lateness.Max().TotalMilliseconds:0} ms at worst");
        await Eventually.True(async () => (await StartedAsync(cluster)).All(r => r.Status == SagaStatus.Succeeded), "every run succeeds", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));
        Assert.Empty(await SagaHistoryChecks.FindProblemsAsync(cluster.Storage.Catalog, expected));
    }

    private static async Task<List<OrleansSagas.Storage.SagaRecord>> StartedAsync(PostgresSiloCluster cluster) =>
        [.. (await CatalogRows.ReadAllAsync(cluster.Storage.Catalog, definition: TravelBookingSaga.Name)).Where(r => r.Id.StartsWith(ScheduleIds.Prefix(Name), StringComparison.Ordinal))];
}
