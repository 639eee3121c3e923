using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.Client.Http;
using OrleansSagas.Engine;
using OrleansSagas.Silo.Samples.TravelBooking;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.Benchmarks.Silos;

/// <summary>
/// Takeover time: <c>silos</c> silo processes on one PostgreSQL (a throwaway server, a fresh database per run) with the
/// silo host's settings. Travel-bookings are started through every silo and held in book-hotel: the victim (the first
/// silo) has no release files, the others have them for every saga, so only the sagas activated on the victim stay
/// running. The victim is killed with SIGKILL; the takeover time is from the kill to the first decision another silo
/// records for one of those sagas (the re-run book-hotel completing), read from the timestamps of the sagas' history
/// in the catalog. The survivors' "Woke N running sagas" log line is reported beside it.
/// </summary>
internal static class TakeoverBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var runs = args.Int("runs", 3);
        var silos = args.Int("silos", 3, min: 2);
        var sagas = args.Int("sagas", 30);
        await using var server = await PostgresTestServer.StartAsync();
        var results = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var (takeover, woke, held) = await MeasureOnceAsync(await server.CreateDatabaseAsync($"takeover{run}"), silos, sagas, run);
            results.Add(takeover.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench=takeover run={run} silos={silos} held_on_victim={held} takeover_ms={takeover.TotalMilliseconds:0.0} woke_log_ms={(woke is { } w ? w.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) : "none")}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench=takeover runs={runs} silos={silos} mean_ms={results.Average():0.0} max_ms={results.Max():0.0}"));
        return 0;
    }

    private static async Task<(TimeSpan Takeover, TimeSpan? Woke, int Held)> MeasureOnceAsync(string connectionString, int siloCount, int sagaCount, int run)
    {
        var root = Directory.CreateTempSubdirectory("orleanssagas-takeover-").FullName;
        Console.Error.WriteLine($"run {run}: silo logs in {root}");
        var nodes = new List<SiloProcess>();
        try
        {
            var ids = Enumerable.Range(0, sagaCount).Select(i => $"takeover-{run}-{Guid.NewGuid():N}").ToList();
            for (var i = 0; i < siloCount; i++)
            {
                var holds = Directory.CreateDirectory(Path.Combine(root, $"holds{i}")).FullName;
                if (i > 0)
                    foreach (var id in ids) await File.WriteAllTextAsync(Path.Combine(holds, $"{id}.release"), "");
                nodes.Add(await SiloProcess.StartAsync($"silo{i}", new Dictionary<string, string>
                {
                    ["Sagas:Storage"] = "PostgreSql",
                    ["ConnectionStrings:Sagas"] = connectionString,
                    ["Samples:HoldDirectory"] = holds,
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:OrleansSagas.Recovery"] = "Information",
                }, root));
            }
            // Let the recovery pass of each start (and the membership view) settle before starting sagas.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var clients = nodes.Select(n => new SagaHttpClient(new HttpClient(), new SagaClientOptions { Gateway = n.Address, RequestTimeout = TimeSpan.FromSeconds(60) })).ToList();
            var victim = nodes[0];
            // Started through the victim's API: most are activated there.
            for (var i = 0; i < ids.Count; i++)
                await clients[i % 2 == 0 ? 0 : 1 + i % (clients.Count - 1)].StartAsync(TravelBookingSaga.Name,
                    SagaJson.ToElement(new TripRequest("ada", 1m, "AMS", "LIS", HoldAt: TravelBookingSaga.BookHotel)), ids[i]);

            await using var storage = new PostgreSqlSagaStorage(connectionString);
            // Sagas on the other silos run through; the victim's wait in book-hotel (scheduled and not finished).
            List<string> held = [];
            await WaitAsync(async () =>
            {
                held = [];
                var settled = 0;
                foreach (var id in ids)
                {
                    var events = await storage.Catalog.ReadEventsAsync(id);
                    if (events.Any(e => e.Type == "SagaFinished")) settled++;
                    else if (events.Any(e => e.Type == "ActionScheduled" && e.Data.Contains(TravelBookingSaga.BookHotel, StringComparison.Ordinal)))
                    {
                        settled++;
                        held.Add(id);
                    }
                }
                return settled == ids.Count;
            }, "every saga finished or waits in book-hotel", TimeSpan.FromSeconds(60));
            if (held.Count == 0) throw new InvalidOperationException("No saga was activated on the victim; start more sagas (--sagas).");
            await Task.Delay(TimeSpan.FromSeconds(1));

            var killedAt = DateTimeOffset.UtcNow;
            victim.Kill();
            DateTimeOffset? first = null;
            await WaitAsync(async () =>
            {
                foreach (var id in held)
                {
                    var resumed = (await storage.Catalog.ReadEventsAsync(id)).Where(e => e.Timestamp > killedAt).MinBy(e => e.Timestamp);
                    if (resumed is not null && (first is null || resumed.Timestamp < first)) first = resumed.Timestamp;
                }
                return first is not null;
            }, "another silo resumes a saga of the victim", TimeSpan.FromSeconds(180));
            // Give the survivors' recovery pass a moment to log its end.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var woke = nodes.Skip(1).Select(n => n.FindLine("Woke ")).Where(l => l is not null && l.Value.At > killedAt).Select(l => l!.Value.At).DefaultIfEmpty().Min();
            return (first!.Value - killedAt, woke == default ? null : woke - killedAt, held.Count);
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > limit) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
