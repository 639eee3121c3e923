using OrleansSagas.Benchmarks.Silos;
using OrleansSagas.Client.Http;

namespace OrleansSagas.Benchmarks;

/// <summary>
/// Whole sagas over HTTP on a durable store: one silo process on a SQLite file, its HTTP API on 127.0.0.1, driven by
/// <c>concurrency</c> clients that each start a travel-booking (delaySeconds 0) and long-poll its result.
/// Latency is from the POST until the result endpoint reports the saga terminal.
/// </summary>
internal static class HttpSqliteBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var sagas = args.Int("sagas", 2000);
        var concurrency = args.Int("concurrency", 32);
        var warmup = args.Int("warmup", 50, min: 0);
        var folder = Directory.CreateTempSubdirectory("orleanssagas-http-sqlite-").FullName;
        try
        {
            using (var silo = await SiloProcess.StartAsync("silo", new Dictionary<string, string>
                   {
                       ["Sagas:Storage"] = "Sqlite",
                       ["Sagas:SqlitePath"] = Path.Combine(folder, "sagas.db"),
                       ["Logging:LogLevel:Default"] = "Warning",
                   }, folder))
            {
                var client = new SagaHttpClient(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }),
                    new SagaClientOptions { Gateway = silo.Address, RequestTimeout = TimeSpan.FromSeconds(120) });
                if (warmup > 0) await TravelBookingLoad.DriveAsync([client], warmup, Math.Min(concurrency, warmup), "warmup");
                var (latencies, failed, elapsed) = await TravelBookingLoad.DriveAsync([client], sagas, concurrency, "bench");
                latencies.Sort();
                Console.WriteLine(
                    $"bench=http-sqlite sagas={sagas} concurrency={concurrency} " +
                    $"sagas_per_sec={LatencyStats.Format(latencies.Count / elapsed.TotalSeconds)} " +
                    $"p50_ms={LatencyStats.Format(LatencyStats.Percentile(latencies, 50))} p99_ms={LatencyStats.Format(LatencyStats.Percentile(latencies, 99))} " +
                    $"max_ms={LatencyStats.Format(latencies.Count > 0 ? latencies[^1] : double.NaN)} failed={failed}");
                return failed == 0 ? 0 : 1;
            }
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
