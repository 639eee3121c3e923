using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansSagas.Client;
using OrleansSagas.Hosting;
using OrleansSagas.Storage.InMemory;
using OrleansSagas.StatesLanguage.Hosting;
using OrleansSagas.Testing.Hosting;

namespace OrleansSagas.StatesLanguage.Tests.Runtime;

/// <summary>A one-silo TestCluster on fake time and in-memory storage with States Language enabled.</summary>
internal sealed class RuntimeNode : IAsyncDisposable
{
    private RuntimeNode(TestCluster cluster, FakeTimeProvider time, InMemorySagaStorage storage)
    {
        Cluster = cluster;
        Client = cluster.SagaClient();
        Time = time;
        Storage = storage;
        Registry = ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredService<StateMachineRegistry>();
    }

    public TestCluster Cluster { get; }
    public ISagaClient Client { get; }
    public StateMachineRegistry Registry { get; }
    public FakeTimeProvider Time { get; }
    public InMemorySagaStorage Storage { get; }

    public static async Task<RuntimeNode> StartAsync(Action<OrleansSagasBuilder>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var storage = new InMemorySagaStorage();
        var builder = new TestClusterBuilder(1).AddSagas(silo => silo
            .UseSagasInMemory(storage)
            .UseSagaFakeTime(time)
            .AddOrleansSagas(b =>
            {
                b.AddStatesLanguage();
                configure?.Invoke(b);
            }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RuntimeNode(cluster, time, storage);
    }

    /// <summary>
    /// Drives a saga to a terminal status: waits (bounded, real time) while it makes progress by itself, and
    /// advances the fake clock when it is quiet, so durable waits and retry back-offs elapse instantly.
    /// </summary>
    public async Task<SagaDescription> RunToEndAsync(string id, int maxClockSteps = 400)
    {
        var lastVersion = -1L;
        var quietPolls = 0;
        for (var steps = 0; steps < maxClockSteps;)
        {
            var saga = await Client.DescribeAsync(id);
            if (saga.Status.IsTerminalStatus()) return saga;
            var version = (await Storage.Catalog.GetAsync(id))?.Version ?? 0;
            if (version != lastVersion)
            {
                lastVersion = version;
                quietPolls = 0;
            }
            else if (++quietPolls >= 5)
            {
                Time.Advance(TimeSpan.FromSeconds(30));
                steps++;
                quietPolls = 0;
            }
            await Task.Delay(2);
        }
        throw new TimeoutException($"Saga {id} did not finish within {maxClockSteps} clock steps.");
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

internal static class StatusExtensions
{
    public static bool IsTerminalStatus(this Engine.SagaStatus status) => status != Engine.SagaStatus.Running;
}
