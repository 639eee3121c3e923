using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OrleansSagas.Client.Http;
using OrleansSagas.Engine;
using OrleansSagas.Server;
using OrleansSagas.Silo.Samples;
using OrleansSagas.Silo.Samples.TravelBooking;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.Benchmarks.Cluster;

/// <summary>
/// Travel-booking throughput of a cluster on PostgreSQL with 1, 2 and 3 nodes (each a full node with its HTTP API,
/// hosted in this process, on a fresh database of a private server). Clients are spread over the nodes' gateways,
/// so most calls are forwarded to the saga's owner, as behind a load balancer.
/// </summary>
internal static class ClusterPostgresBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var sagas = args.Int("sagas", 1000);
        var concurrency = args.Int("concurrency", 32);
        var maxNodes = args.Int("nodes", 3);
        await using var server = await PostgresTestServer.StartAsync();
        var failures = 0;
        for (var nodes = 1; nodes <= maxNodes; nodes++)
        {
            var database = await server.CreateDatabaseAsync($"bench{nodes}");
            var apps = new List<WebApplication>();
            try
            {
                for (var i = 0; i < nodes; i++) apps.Add(await StartNodeAsync(database));
                await WaitForOwnersAsync(apps, nodes);
                var clients = apps.Select(a => new SagaHttpClient(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }),
                    new SagaClientOptions { Gateway = new Uri(a.Urls.Single()), RequestTimeout = TimeSpan.FromSeconds(120) })).ToList();
                await TravelBookingLoad.DriveAsync(clients, Math.Min(100, sagas), concurrency, "warmup");
                var (latencies, failed, elapsed) = await TravelBookingLoad.DriveAsync(clients, sagas, concurrency, "bench");
                latencies.Sort();
                failures += failed;
                Console.WriteLine(
                    $"bench=cluster-pg nodes={nodes} sagas={sagas} concurrency={concurrency} " +
                    $"sagas_per_sec={LatencyStats.Format(sagas / elapsed.TotalSeconds)} " +
                    $"p50_ms={LatencyStats.Format(LatencyStats.Percentile(latencies, 50))} p99_ms={LatencyStats.Format(LatencyStats.Percentile(latencies, 99))} failed={failed}");
            }
            finally
            {
                foreach (var app in apps)
                {
                    await app.StopAsync();
                    await app.DisposeAsync();
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static async Task<WebApplication> StartNodeAsync(string connectionString)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseUrls(url);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sagas:Storage"] = "PostgreSql",
            ["ConnectionStrings:Sagas"] = connectionString,
            ["Logging:LogLevel:Default"] = "Error",
        });
        builder.AddOrleansSagasNode(sagas => sagas.AddSampleSagas(builder.Configuration));
        var app = builder.Build();
        app.MapOrleansSagasApi();
        await app.StartAsync();
        return app;
    }

    /// <summary>Waits until every node holds a share of the partitions, so the measurement starts balanced.</summary>
    private static async Task WaitForOwnersAsync(IReadOnlyList<WebApplication> apps, int nodes)
    {
        var runtimes = apps.Select(a => (OrleansSagas.Runtime.SagaRuntime)a.Services.GetService(typeof(OrleansSagas.Runtime.SagaRuntime))!).ToList();
        var deadline = Stopwatch.StartNew();
        while (runtimes.Sum(r => r.Ownership.OwnedPartitions.Count) != runtimes[0].Options.PartitionCount
               || runtimes.Any(r => r.Ownership.OwnedPartitions.Count < runtimes[0].Options.PartitionCount / nodes))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("The nodes did not balance the partitions in 30 s.");
            await Task.Delay(50);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
