using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;
using OrleansSagas.StatesLanguage.Hosting;
using OrleansSagas.Testing;

namespace OrleansSagas.StatesLanguage.Tests.Runtime;

/// <summary>A saga node on fake time and in-memory storage with States Language enabled.</summary>
internal sealed class RuntimeNode : IAsyncDisposable
{
    private RuntimeNode(ServiceProvider services)
    {
        Services = services;
        Runtime = services.GetRequiredService<SagaRuntime>();
        Registry = services.GetRequiredService<StateMachineRegistry>();
        Time = (FakeTimeProvider)services.GetRequiredService<TimeProvider>();
    }

    public ServiceProvider Services { get; }
    public SagaRuntime Runtime { get; }
    public StateMachineRegistry Registry { get; }
    public FakeTimeProvider Time { get; }

    public static async Task<RuntimeNode> StartAsync(Action<OrleansSagasBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        services.AddOrleansSagas(b =>
        {
            b.AddStatesLanguage();
            configure?.Invoke(b);
        });
        var node = new RuntimeNode(services.BuildServiceProvider());
        await node.Runtime.StartAsync(CancellationToken.None);
        return node;
    }

    /// <summary>
    /// Drives a saga to a terminal status: waits (bounded, real time) while it makes progress by itself, and
    /// advances the fake clock when it is quiet, so durable waits and retry back-offs elapse instantly.
    /// </summary>
    public async Task<Client.SagaDescription> RunToEndAsync(string id, int maxClockSteps = 400)
    {
        var lastVersion = -1L;
        var quietPolls = 0;
        for (var steps = 0; steps < maxClockSteps;)
        {
            var saga = await Runtime.DescribeAsync(id);
            if (saga.Status.IsTerminalStatus()) return saga;
            var version = (await Runtime.Storage.Sagas.GetAsync(id))!.Version;
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
        await Runtime.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
    }
}

internal static class StatusExtensions
{
    public static bool IsTerminalStatus(this Engine.SagaStatus status) => status != Engine.SagaStatus.Running;
}
