using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSagas.Worker;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>A worker host as an app would build it (generic host + AddOrleansSagasWorker), with short retry delays and a <see cref="Probe"/>.</summary>
public sealed class TestWorker : IAsyncDisposable
{
    private TestWorker(IHost host, Probe probe, LogCapture logs)
    {
        Host = host;
        Probe = probe;
        Logs = logs;
    }

    public IHost Host { get; }
    public Probe Probe { get; }
    public LogCapture Logs { get; }

    /// <summary>Builds (without starting) a worker named w1 for <paramref name="server"/> with the activities <paramref name="activities"/> adds.</summary>
    public static TestWorker Create(Uri server, Action<SagaWorkerBuilder> activities, Action<SagaWorkerOptions>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var logs = new LogCapture();
        // A rule for this provider alone, so the appsettings.json of the silo (copied next to the tests) does not filter the worker's messages.
        builder.Logging.ClearProviders().AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Debug);
        var probe = new Probe();
        builder.Services.AddSingleton(probe);
        var worker = builder.Services.AddOrleansSagasWorker(o =>
        {
            o.ServerUrl = server;
            o.WorkerName = "w1";
            o.RetryDelay = TimeSpan.FromMilliseconds(20);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        });
        activities(worker);
        return new TestWorker(builder.Build(), probe, logs);
    }

    /// <summary>Builds and starts a worker.</summary>
    public static async Task<TestWorker> StartAsync(Uri server, Action<SagaWorkerBuilder> activities, Action<SagaWorkerOptions>? configure = null)
    {
        var worker = Create(server, activities, configure);
        await worker.Host.StartAsync();
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in Probe.Started.Keys) Probe.Open(id);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Host.StopAsync(deadline.Token);
        Host.Dispose();
    }
}
