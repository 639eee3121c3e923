using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Hosting;
using OrleansSagas.Storage.InMemory;
using OrleansSagas.Testing.Faults;
using OrleansSagas.Testing.Hosting;

namespace OrleansSagas.Tests.Runtime;

/// <summary>An Orleans TestCluster hosting sagas on fake time and in-memory storage, with the test handlers registered.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private TestNode(TestCluster cluster, FakeTimeProvider time, StepLog log, SagaFaults faults, InMemorySagaStorage catalog)
    {
        Cluster = cluster;
        Client = cluster.SagaClient();
        Time = time;
        Log = log;
        Faults = faults;
        Catalog = catalog;
    }

    public TestCluster Cluster { get; }
    public ISagaClient Client { get; }
    public FakeTimeProvider Time { get; }
    public StepLog Log { get; }
    public SagaFaults Faults { get; }
    public InMemorySagaStorage Catalog { get; }

    public static async Task<TestNode> StartAsync(Action<OrleansSagasBuilder> sagas, int silos = 1)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var log = new StepLog();
        var faults = new SagaFaults();
        var catalog = new InMemorySagaStorage();
        var builder = new TestClusterBuilder((short)silos).AddSagas(silo => silo
            .UseSagasInMemory(catalog)
            .UseSagaFakeTime(time)
            .UseSagaFaults(faults)
            .AddOrleansSagas(b =>
            {
                b.Services.AddSingleton(log);
                sagas(b);
            }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestNode(cluster, time, log, faults, catalog);
    }

    public async ValueTask DisposeAsync()
    {
        Faults.Clear();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Waits (real time, bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    public Task UntilStatus(string id, SagaStatus status) =>
        Eventually(async () => (await Client.DescribeAsync(id)).Status == status, $"saga {id} is {status}");
}
