using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSagas.Client.Http;
using OrleansSagas.Engine;
using OrleansSagas.Server;
using OrleansSagas.Silo.Samples;
using OrleansSagas.Silo.Samples.TravelBooking;

namespace OrleansSagas.Benchmarks;

/// <summary>
/// Whole sagas over HTTP on a durable store: one node on a SQLite file with Kestrel on 127.0.0.1, driven by
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
        var flush = args.Bool("flush", true);
        var folder = Path.Combine(Path.GetTempPath(), "orleans-sagas-bench", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var app = await StartNodeAsync(folder);
            await using (app)
            {
                var client = new SagaHttpClient(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }),
                    new SagaClientOptions { Gateway = new Uri(app.Urls.Single()), RequestTimeout = TimeSpan.FromSeconds(120) });
                await TravelBookingLoad.DriveAsync([client], warmup, Math.Min(concurrency, Math.Max(warmup, 1)), "warmup");
                var (latencies, failed, elapsed) = await TravelBookingLoad.DriveAsync([client], sagas, concurrency, "bench");
                latencies.Sort();
                Console.WriteLine(
                    $"bench=http-sqlite sagas={sagas} concurrency={concurrency} flush={flush.ToString().ToLowerInvariant()} " +
                    $"sagas_per_sec={LatencyStats.Format(sagas / elapsed.TotalSeconds)} " +
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

        async Task<WebApplication> StartNodeAsync(string directory)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory });
            builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sagas:Storage"] = "Sqlite",
                ["Sagas:SqlitePath"] = Path.Combine(directory, "sagas.db"),
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddOrleansSagasNode(b => b.AddSampleSagas(builder.Configuration));
            if (!flush) builder.Services.UseSqliteStorage(o =>
            {
                o.Path = Path.Combine(directory, "sagas.db");
                o.FlushEveryCommit = false;
            });
            var node = builder.Build();
            node.MapOrleansSagasApi();
            await node.StartAsync();
            return node;
        }
    }
}
