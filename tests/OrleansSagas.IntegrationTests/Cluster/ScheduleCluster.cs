using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansSagas.Client;
using OrleansSagas.Definitions;
using OrleansSagas.Hosting;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Schedules;
using OrleansSagas.Storage.InMemory;
using OrleansSagas.Testing.Hosting;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>A TestCluster on fake time and in-memory storage with two scheduled sagas: one that ends at once and one that waits 90 s.</summary>
internal sealed class ScheduleCluster : IAsyncDisposable
{
    /// <summary>One step, then done.</summary>
    public const string Quick = "scheduled-quick";

    /// <summary>A step, a 90-second durable wait, a step: it outlives a one-minute interval.</summary>
    public const string Slow = "scheduled-slow";

    private ScheduleCluster(TestCluster cluster, FakeTimeProvider time)
    {
        Cluster = cluster;
        Time = time;
        Client = cluster.SagaClient();
    }

    public TestCluster Cluster { get; }
    public FakeTimeProvider Time { get; }
    public ISagaClient Client { get; }

    public static Task<ScheduleCluster> StartAsync(DateTimeOffset start)
    {
        var catalog = new InMemorySagaStorage();
        return StartAsync(new FakeTimeProvider(start), silo => silo.UseSagasInMemory(catalog));
    }

    /// <summary>A cluster on <paramref name="storage"/>; clusters with the same <paramref name="serviceId"/> find each other's grains and reminders.</summary>
    public static async Task<ScheduleCluster> StartAsync(FakeTimeProvider time, Action<ISiloBuilder> storage, string? serviceId = null)
    {
        var builder = new TestClusterBuilder(1).AddSagas(silo =>
        {
            storage(silo);
            silo.UseSagaFakeTime(time).AddOrleansSagas(sagas => sagas
                .AddSaga(new SagaBuilder(Quick).Step<Work>("work").Build())
                .AddSaga(new SagaBuilder(Slow)
                    .Step<Work>("work")
                    .Delay("wait", TimeSpan.FromSeconds(90), n => n.After("work"))
                    .Step<Work>("finish", n => n.After("wait"))
                    .Build()));
        });
        builder.Options.ConfigureFileLogging = false;
        if (serviceId is not null) builder.Options.ServiceId = serviceId;
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ScheduleCluster(cluster, time);
    }

    /// <summary>Every saga the schedule started, in occurrence order.</summary>
    public async Task<List<SagaDescription>> SagasOfAsync(string schedule) =>
        [.. (await Client.ListScheduleSagasAsync(schedule, limit: 1000)).Items];

    /// <summary>Waits until the schedule's latest decision is about <paramref name="occurrence"/> (or later).</summary>
    public Task UntilDecidedAsync(string schedule, DateTimeOffset occurrence) =>
        Eventually.True(async () => (await Client.DescribeScheduleAsync(schedule)).Runs is [var latest, ..] && latest.Occurrence >= occurrence,
            $"{schedule} decides its occurrence at {occurrence:O}");

    /// <summary>Waits until the saga has recorded an event of <paramref name="type"/> (e.g. its durable wait began).</summary>
    public Task UntilRecordedAsync(string sagaId, string type) =>
        Eventually.True(async () => (await Client.GetHistoryAsync(sagaId)).Any(e => e.Type == type), $"{sagaId} records {type}");

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The input every scheduled run gets: the schedule's name and the occurrence.</summary>
    public sealed record Scheduled(string ScheduleName, string ScheduledAt);

    private sealed class Work : ISagaStep<Scheduled, string>
    {
        public Task<string> ExecuteAsync(Scheduled input, StepContext context) => Task.FromResult($"{input.ScheduleName} at {input.ScheduledAt}");
    }
}
