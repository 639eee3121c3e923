using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Definitions;
using Partitioner = OrleansSagas.Runtime.Partitioner;
using OrleansSagas.Testing;

namespace OrleansSagas.Tests.Cluster;

public sealed record Order(string Customer, double WaitSeconds = 0);

public sealed record Receipt(string Step, string Node, int Attempt);

/// <summary>The name of the node a handler runs on (registered per node).</summary>
internal sealed record NodeTag(string Name);

/// <summary>Every handler invocation on every node of a test cluster.</summary>
internal sealed class ClusterStepLog
{
    private readonly ConcurrentQueue<(string Node, string SagaId, string Step, int Attempt, bool Undo)> _calls = new();

    public IReadOnlyList<(string Node, string SagaId, string Step, int Attempt, bool Undo)> Calls => [.. _calls];

    public void Record(string node, StepContext context) => _calls.Enqueue((node, context.SagaId, context.StepName, context.Attempt, context.IsUndo));

    public int Count(string sagaId, string step, bool undo = false) => Calls.Count(c => c.SagaId == sagaId && c.Step == step && c.Undo == undo);

    public int DistinctSagas(string step) => Calls.Where(c => c.Step == step && !c.Undo).Select(c => c.SagaId).Distinct().Count();
}

internal sealed class LoggedStep(ClusterStepLog log, NodeTag node) : ISagaStep<Order, Receipt>
{
    public Task<Receipt> ExecuteAsync(Order input, StepContext context)
    {
        log.Record(node.Name, context);
        return Task.FromResult(new Receipt(context.StepName, node.Name, context.Attempt));
    }
}

internal sealed class LoggedUndo(ClusterStepLog log, NodeTag node) : ISagaUndo<Order, Receipt>
{
    public Task UndoAsync(Order input, Receipt actionOutput, StepContext context)
    {
        log.Record(node.Name, context);
        return Task.CompletedTask;
    }
}

/// <summary>Cluster tests run one at a time: they measure real-time leases, which a saturated machine would starve.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "In-process clusters";
}

internal static class ClusterTestSagas
{
    /// <summary>A travel-booking-like saga: reserve, a durable wait of input.waitSeconds, charge, ship; each step with an undo.</summary>
    public static SagaGraph Order() => new SagaBuilder("order")
        .Step<LoggedStep>("reserve", n => n.WithUndo<LoggedUndo>())
        .DelayFromInput("wait", "waitSeconds", n => n.After("reserve"))
        .Step<LoggedStep>("charge", n => n.After("wait").WithUndo<LoggedUndo>())
        .Step<LoggedStep>("ship", n => n.After("charge").WithUndo<LoggedUndo>())
        .Build();

    /// <summary>Waits for the signal "approved" between two steps.</summary>
    public static SagaGraph Approval() => new SagaBuilder("approval")
        .Step<LoggedStep>("reserve")
        .WaitForSignal("approval", "approved", configure: n => n.After("reserve"))
        .Step<LoggedStep>("confirm", n => n.After("approval"))
        .Build();

    /// <summary>Runs an "order" as a child saga, then a step.</summary>
    public static SagaGraph Parent() => new SagaBuilder("parent")
        .ChildSaga("child", "order")
        .Step<LoggedStep>("notify", n => n.After("child"))
        .Build();

    public static SagaTestClusterBuilder Builder(ClusterStepLog log) => new SagaTestClusterBuilder()
        .AddSaga(Order())
        .AddSaga(Approval())
        .AddSaga(Parent())
        .WithPartitions(16)
        .ConfigureServices((name, services) =>
        {
            services.AddSingleton(log);
            services.AddSingleton(new NodeTag(name));
        });

    /// <summary>A saga id (with <paramref name="prefix"/>) whose partition <paramref name="node"/> owns now.</summary>
    public static string IdOwnedBy(SagaTestCluster cluster, SagaTestNode node, string prefix) =>
        Enumerable.Range(0, 10_000).Select(i => $"{prefix}-{i}")
            .First(id => node.OwnedPartitions.Contains(Partitioner.PartitionOf(id, cluster.PartitionCount)));

    /// <summary>The node owning the saga's partition now, or null while it changes hands.</summary>
    public static SagaTestNode? OwnerOf(SagaTestCluster cluster, string sagaId) =>
        cluster.Nodes.SingleOrDefault(n => n.OwnedPartitions.Contains(Partitioner.PartitionOf(sagaId, cluster.PartitionCount)));
}
