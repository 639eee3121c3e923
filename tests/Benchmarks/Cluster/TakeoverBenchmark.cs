using System.Diagnostics;
using Npgsql;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.Client.Http;
using OrleansSagas.Silo.Samples.TravelBooking;
using OrleansSagas.Testing.Postgres;
using Partitioner = OrleansSagas.Runtime.Partitioner;

namespace OrleansSagas.Benchmarks.Cluster;

/// <summary>
/// Takeover time with the default cluster settings: two silo processes on PostgreSQL; sagas of the victim's partitions
/// are held in a step; the victim is killed with SIGKILL; the time from the kill to the first decision the survivor
/// records for one of those sagas (the re-run step's completion) is the takeover time.
/// </summary>
internal static class TakeoverBenchmark
{
    private const int PartitionCount = 64;

    public static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var runs = args.Int("runs", 3);
        var sagas = args.Int("sagas", 20);
        await using var server = await PostgresTestServer.StartAsync();
        var results = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var takeover = await MeasureOnceAsync(await server.CreateDatabaseAsync($"takeover{run}"), sagas);
            results.Add(takeover.TotalMilliseconds);
            Console.WriteLine($"bench=takeover run={run} takeover_ms={LatencyStats.Format(takeover.TotalMilliseconds)}");
        }
        Console.WriteLine($"bench=takeover runs={runs} mean_ms={LatencyStats.Format(results.Average())} max_ms={LatencyStats.Format(results.Max())}");
        return 0;
    }

    private static async Task<TimeSpan> MeasureOnceAsync(string connectionString, int sagas)
    {
        var victimHolds = Directory.CreateTempSubdirectory("takeover-victim-").FullName;
        var survivorHolds = Directory.CreateTempSubdirectory("takeover-survivor-").FullName;
        await using var storage = new PostgreSqlSagaStorage(connectionString);
        await storage.InitializeAsync();
        using var victim = await SiloNode.StartAsync(connectionString, victimHolds);
        var victimName = (await storage.Membership.ListAsync()).Single().Node;
        await WaitAsync(async () => (await storage.Leases.ReadAllAsync()).Count(l => l.Owner == victimName) == PartitionCount, "the first silo owns every partition");
        using var survivor = await SiloNode.StartAsync(connectionString, survivorHolds);
        await WaitAsync(async () => (await storage.Leases.ReadAllAsync()).Count(l => l.Owner == victimName) == PartitionCount / 2, "the silos share the partitions evenly");

        var victimPartitions = (await storage.Leases.ReadAllAsync()).Where(l => l.Owner == victimName).Select(l => l.Partition).ToHashSet();
        var ids = Enumerable.Range(0, 100_000).Select(i => $"takeover-{Guid.NewGuid():N}").Where(id => victimPartitions.Contains(Partitioner.PartitionOf(id, PartitionCount))).Take(sagas).ToList();
        // The survivor finds every release file; the victim none, so each saga waits in book-hotel on the victim.
        foreach (var id in ids) await File.WriteAllTextAsync(Path.Combine(survivorHolds, $"{id}.release"), "");
        var client = new SagaHttpClient(new HttpClient(), new SagaClientOptions { Gateway = survivor.Address });
        foreach (var id in ids)
            await client.StartAsync(TravelBookingSaga.Name, SagaJson.ToElement(new TripRequest("ada", 1m, "AMS", "LIS", HoldAt: TravelBookingSaga.BookHotel)), id);
        await WaitAsync(async () => (await Task.WhenAll(ids.Select(id => storage.Sagas.ReadEventsAsync(id)))).All(e => e.Any(x => x.Type == "ActionScheduled" && x.Data.Contains(TravelBookingSaga.BookHotel, StringComparison.Ordinal))),
            "every saga waits in its held step on the victim");

        if ((await storage.Leases.ReadAllAsync()).Count(l => l.Owner == victimName) != PartitionCount / 2)
            throw new InvalidOperationException("Partitions moved while the sagas started; the measurement would be wrong.");
        var killedAt = DateTimeOffset.UtcNow;
        victim.Kill();
        DateTimeOffset? first = null;
        await WaitAsync(async () =>
        {
            foreach (var id in ids)
            {
                var done = (await storage.Sagas.ReadEventsAsync(id)).FirstOrDefault(e => e.Type == "NodeSucceeded" && e.Data.Contains(TravelBookingSaga.BookHotel, StringComparison.Ordinal));
                if (done is not null && (first is null || done.Timestamp < first)) first = done.Timestamp;
            }
            return first is not null;
        }, "the survivor resumes a saga of the victim");
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(victimHolds, recursive: true);
        Directory.Delete(survivorHolds, recursive: true);
        return first!.Value - killedAt;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
