using Npgsql;
using OrleansSagas.Client.Http;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.Benchmarks.Silos;

/// <summary>
/// Travel-booking throughput of a cluster of silo processes on one PostgreSQL (a throwaway server, a fresh database for each
/// size) with 1 … <c>nodes</c> silos. Clients are spread over the silos' HTTP APIs, so many grain calls cross silos, as
/// behind a load balancer.
/// </summary>
internal static class ClusterPostgresBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var sagas = args.Int("sagas", 1000);
        var concurrency = args.Int("concurrency", 32);
        var maxNodes = args.Int("nodes", 3);
        var warmup = args.Int("warmup", 100, min: 0);
        await using var server = await PostgresTestServer.StartAsync();
        var logs = Directory.CreateTempSubdirectory("orleanssagas-cluster-pg-").FullName;
        Console.Error.WriteLine($"silo logs: {logs}");
        var failures = 0;
        for (var nodes = 1; nodes <= maxNodes; nodes++)
        {
            var database = await server.CreateDatabaseAsync($"cluster{nodes}");
            var silos = new List<SiloProcess>();
            try
            {
                for (var i = 0; i < nodes; i++)
                    silos.Add(await SiloProcess.StartAsync($"n{nodes}-silo{i}", new Dictionary<string, string>
                    {
                        ["Sagas:Storage"] = "PostgreSql",
                        ["ConnectionStrings:Sagas"] = database,
                        ["Logging:LogLevel:Default"] = "Warning",
                    }, logs));
                var clients = silos.Select(s => new SagaHttpClient(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }),
                    new SagaClientOptions { Gateway = s.Address, RequestTimeout = TimeSpan.FromSeconds(120) })).ToList();
                if (warmup > 0) await TravelBookingLoad.DriveAsync(clients, warmup, concurrency, "warmup");
                var (latencies, failed, elapsed) = await TravelBookingLoad.DriveAsync(clients, sagas, concurrency, "bench");
                latencies.Sort();
                failures += failed;
                Console.WriteLine(
                    $"bench=cluster-pg nodes={nodes} sagas={sagas} concurrency={concurrency} " +
                    $"sagas_per_sec={LatencyStats.Format(latencies.Count / elapsed.TotalSeconds)} " +
                    $"p50_ms={LatencyStats.Format(LatencyStats.Percentile(latencies, 50))} p99_ms={LatencyStats.Format(LatencyStats.Percentile(latencies, 99))} failed={failed}");
            }
            finally
            {
                foreach (var silo in silos) silo.Dispose();
                NpgsqlConnection.ClearAllPools();
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
