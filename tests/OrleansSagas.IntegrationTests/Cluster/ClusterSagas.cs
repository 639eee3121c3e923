using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Storage;
using OrleansSagas.Testing;
using Partitioner = OrleansSagas.Runtime.Partitioner;

namespace OrleansSagas.IntegrationTests.Cluster;

public sealed record Trip(string Customer, double WaitSeconds = 0);

public sealed record Booking(string Step, string Node);

internal sealed record NodeName(string Value);

/// <summary>Every step invocation on every in-process node.</summary>
internal sealed class Invocations
{
    private readonly ConcurrentQueue<(string Node, string SagaId, string Step)> _calls = new();

    public IReadOnlyList<(string Node, string SagaId, string Step)> Calls => [.. _calls];

    public void Add(string node, StepContext context) => _calls.Enqueue((node, context.SagaId, context.StepName));

    public int Sagas(string step) => Calls.Where(c => c.Step == step).Select(c => c.SagaId).Distinct().Count();
}

internal sealed class BookStep(Invocations invocations, NodeName node) : ISagaStep<Trip, Booking>
{
    public Task<Booking> ExecuteAsync(Trip input, StepContext context)
    {
        invocations.Add(node.Value, context);
        return Task.FromResult(new Booking(context.StepName, node.Value));
    }
}

internal sealed class CancelStep : ISagaUndo<Trip, Booking>
{
    public Task UndoAsync(Trip input, Booking actionOutput, StepContext context) => Task.CompletedTask;
}

internal static class ClusterSagas
{
    /// <summary>Four steps around a durable wait of input.waitSeconds, like travel-booking.</summary>
    public static SagaGraph Trip() => new SagaBuilder("trip")
        .Step<BookStep>("pay", n => n.WithUndo<CancelStep>())
        .Step<BookStep>("flight", n => n.After("pay").WithUndo<CancelStep>())
        .DelayFromInput("wait", "waitSeconds", n => n.After("flight"))
        .Step<BookStep>("hotel", n => n.After("wait").WithUndo<CancelStep>())
        .Step<BookStep>("notify", n => n.After("hotel"))
        .Build();

    public static SagaTestClusterBuilder Builder(Invocations invocations) => new SagaTestClusterBuilder()
        .AddSaga(Trip())
        .WithPartitions(16)
        .ConfigureServices((name, services) =>
        {
            services.AddSingleton(invocations);
            services.AddSingleton(new NodeName(name));
        });

    public static string IdOwnedBy(SagaTestCluster cluster, SagaTestNode node, string prefix) =>
        Enumerable.Range(0, 10_000).Select(i => $"{prefix}-{i}")
            .First(id => node.OwnedPartitions.Contains(Partitioner.PartitionOf(id, cluster.PartitionCount)));

    public static async Task<int> CountAsync(ISagaStorage storage, SagaStatus status, string? definition = null)
    {
        var count = 0;
        string? after = null;
        do
        {
            var page = await storage.Sagas.QueryAsync(new SagaQuery(status, definition, 1000, after));
            count += page.Items.Count;
            after = page.Next;
        }
        while (after is not null);
        return count;
    }
}

/// <summary>Cluster tests on PostgreSQL and silo processes run one at a time: they time real leases on two shared cores.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "clusters";
}
