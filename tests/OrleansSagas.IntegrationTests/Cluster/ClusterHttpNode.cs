using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Runtime;
using OrleansSagas.Server;
using OrleansSagas.Silo.Samples;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>A node hosted in the test process as the silo hosts it, on PostgreSQL and a fixed port, so it can join a cluster.</summary>
internal sealed class ClusterHttpNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _directory;

    private ClusterHttpNode(WebApplication app, Uri address, TempDirectory directory)
    {
        _app = app;
        _directory = directory;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Steps = new StepLog(directory.File("steps.log"));
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public StepLog Steps { get; }
    public SagaRuntime Runtime => _app.Services.GetRequiredService<SagaRuntime>();

    public static async Task<ClusterHttpNode> StartAsync(string connectionString)
    {
        var directory = new TempDirectory();
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory.Path, EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString().TrimEnd('/'));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sagas:Storage"] = "PostgreSql",
            ["ConnectionStrings:Sagas"] = connectionString,
            ["Sagas:PartitionCount"] = "8",
            ["Samples:StepLogPath"] = directory.File("steps.log"),
        });
        builder.AddOrleansSagasNode(sagas => sagas.AddSampleSagas(builder.Configuration));
        var app = builder.Build();
        app.MapOrleansSagasApi();
        await app.StartAsync();
        return new ClusterHttpNode(app, address, directory);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
