using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansSagas.Client;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;
using OrleansSagas.Testing;

namespace OrleansSagas.Tests.Runtime;

/// <summary>One in-process node on fake time and a (shareable) in-memory store, with the test handlers registered.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly List<IHostedService> _hosted;

    private TestNode(ServiceProvider services)
    {
        Services = services;
        Runtime = services.GetRequiredService<SagaRuntime>();
        Client = services.GetRequiredService<ISagaClient>();
        Time = (FakeTimeProvider)services.GetRequiredService<TimeProvider>();
        Log = services.GetRequiredService<StepLog>();
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public ServiceProvider Services { get; }
    public SagaRuntime Runtime { get; }
    public ISagaClient Client { get; }
    public FakeTimeProvider Time { get; }
    public StepLog Log { get; }

    public static async Task<TestNode> StartAsync(Action<OrleansSagasBuilder> sagas, ISagaStorage? storage = null,
        FakeTimeProvider? time = null, StepLog? log = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        services.AddSingleton(storage ?? new InMemorySagaStorage());
        services.AddSingleton(log ?? new StepLog());
        services.AddOrleansSagas(b =>
        {
            b.Configure(o => o.TimerScanInterval = TimeSpan.FromSeconds(1));
            sagas(b);
        });
        var node = new TestNode(services.BuildServiceProvider());
        foreach (var hosted in node._hosted) await hosted.StartAsync(CancellationToken.None);
        return node;
    }

    /// <summary>Abandons the node without a graceful stop, as a crash would (in-flight work is lost, leases stay).</summary>
    public async Task CrashAsync()
    {
        await Runtime.DisposeAsync();
        await Services.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted) await hosted.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
    }

    /// <summary>Waits (real time, bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    public Task UntilStatus(string id, OrleansSagas.Engine.SagaStatus status) =>
        Eventually(async () => (await Client.DescribeAsync(id)).Status == status, $"saga {id} is {status}");
}
