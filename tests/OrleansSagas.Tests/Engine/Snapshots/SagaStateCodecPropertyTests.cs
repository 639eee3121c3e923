using OrleansSagas.Engine;
using OrleansSagas.Engine.Snapshots;
using OrleansSagas.Tests.Engine.Support;
using Xunit.Abstractions;

namespace OrleansSagas.Tests.Engine.Snapshots;

public class SagaStateCodecPropertyTests(ITestOutputHelper output)
{
    private const int Graphs = 400;

    [Fact]
    public void After_every_event_of_random_sagas_the_restored_snapshot_continues_exactly_like_the_live_state()
    {
        var random = new Random(20301231);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var snapshots = 0;
        for (var g = 0; g < Graphs; g++)
        {
            var graph = RandomSagas.Graph(random);
            var saga = new SagaDriver(graph, $"saga-{g}");
            new RandomWorld(random, saga).Run();

            SnapshotProbes.AssertRoundTrips(graph, SagaState.Empty, [], SagaDriver.T0);
            for (var i = 0; i < saga.States.Count; i++)
            {
                var state = saga.States[i];
                // The message the saga actually got next, at the time it got it; probes are decided a second later.
                var next = saga.Received.FirstOrDefault(r => r.Events > i);
                var at = next.Message is null ? state.UpdatedAt.AddSeconds(1) : next.At;
                SnapshotProbes.AssertRoundTrips(graph, state, next.Message is null ? [] : [next.Message], at);
                seen.UnionWith(Features(state));
                snapshots++;
            }
        }
        output.WriteLine($"{snapshots} snapshots; features: {string.Join(", ", seen.Order(StringComparer.Ordinal))}");
        // The property only says something if the random sagas reach every part of the state.
        string[] expected =
        [
            "buffered-signal", "child", "error", "output", "parent-less", "retry-counts", "saga-timeout", "undo-error",
            "undo-in-flight", "undo-retry-counts", "unwinding", "json-null-output",
            .. Enum.GetNames<NodeTimerKind>().Select(k => $"timer:{k}"),
            .. new[] { SagaStatus.Running, SagaStatus.Succeeded, SagaStatus.Compensated, SagaStatus.Cancelled, SagaStatus.Stuck, SagaStatus.TimedOut }.Select(s => $"status:{s}"),
            // A node absent from the map is pending, so a pending node is never stored.
            .. Enum.GetNames<StepStatus>().Where(s => s != nameof(StepStatus.Pending)).Select(s => $"node:{s}"),
        ];
        Assert.All(expected, f => Assert.Contains(f, seen));
    }

    private static IEnumerable<string> Features(SagaState state)
    {
        yield return $"status:{state.Status}";
        if (state.ParentId is null) yield return "parent-less";
        if (!state.BufferedSignals.IsEmpty) yield return "buffered-signal";
        if (state.IsUnwinding) yield return "unwinding";
        if (state.TimeoutAt is not null) yield return "saga-timeout";
        if (state.Error is not null) yield return "error";
        if (state.Output is not null) yield return "output";
        foreach (var node in state.Nodes.Values)
        {
            yield return $"node:{node.Status}";
            if (node.Timer is { } timer) yield return $"timer:{timer.Kind}";
            if (node.ChildId is not null) yield return "child";
            if (!node.RetryCounts.IsEmpty) yield return "retry-counts";
            if (!node.UndoRetryCounts.IsEmpty) yield return "undo-retry-counts";
            if (node.UndoInFlight is not null) yield return "undo-in-flight";
            if (node.UndoError is not null) yield return "undo-error";
            if (node.Output is { ValueKind: System.Text.Json.JsonValueKind.Null }) yield return "json-null-output";
        }
    }
}
