using System.Text;
using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Engine.Snapshots;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine.Snapshots;

/// <summary>
/// Checks that a state restored from its snapshot behaves like the original: the messages that could arrive next
/// (results of work in flight, timers, signals, cancels, operator actions) are decided the same way, and the
/// work re-issued on activation is the same.
/// </summary>
internal static class SnapshotProbes
{
    public static SagaState AssertRoundTrips(SagaGraph graph, SagaState original, IEnumerable<SagaMessage> extraMessages, DateTimeOffset now)
    {
        var json = SagaStateCodec.Serialize(original);
        var restored = SagaStateCodec.Deserialize(json);
        Assert.Equal(json, SagaStateCodec.Serialize(restored));
        Assert.Equal(StateJson.Canonical(original), StateJson.Canonical(restored));
        Assert.Equal(Describe(SagaDecider.Resume(graph, original)), Describe(SagaDecider.Resume(graph, restored)));
        foreach (var message in Messages(graph, original).Concat(extraMessages))
        {
            var expected = SagaDecider.Decide(graph, original, message, now);
            var actual = SagaDecider.Decide(graph, restored, message, now);
            Assert.Equal(Describe(expected), Describe(actual));
            Assert.Equal(SagaStateCodec.Serialize(Fold(graph, original, expected)), SagaStateCodec.Serialize(Fold(graph, restored, actual)));
        }
        return restored;
    }

    /// <summary>A message of every kind that means something to <paramref name="state"/>.</summary>
    public static IEnumerable<SagaMessage> Messages(SagaGraph graph, SagaState state)
    {
        yield return new CancelSaga("probe cancel");
        yield return new CompensateSaga("probe compensate");
        foreach (var signal in RandomSagas.SignalNames) yield return new SignalReceived(signal, SagaDriver.Json(new { probe = signal }));
        foreach (var timer in DecisionContext.ArmedTimers(state).Keys.Order(StringComparer.Ordinal)) yield return new TimerFired(timer);
        if (state.StuckNode is { } stuck)
        {
            yield return new RetryStuckUndo(stuck);
            yield return new SkipStuckUndo(stuck);
        }
        foreach (var (name, node) in state.Nodes)
        {
            if (node.InFlightAttempt is { } attempt)
            {
                if (graph[name] is ChildSagaNode)
                {
                    yield return new ChildCompleted(name, node.ChildId!, SagaStatus.Succeeded, SagaDriver.Json(new { child = name }), null);
                    yield return new ChildCompleted(name, node.ChildId!, SagaStatus.Compensated, null, new SagaError("ChildError", "probe"));
                }
                else
                {
                    yield return new StepCompleted(name, attempt, SagaDriver.Json(new { probe = name }));
                    yield return new StepFailed(name, attempt, new SagaError("Transient", "probe failure"));
                }
            }
            if (node.UndoInFlight is { } undo)
            {
                if (graph[name] is ChildSagaNode) yield return new ChildCompleted(name, node.ChildId!, SagaStatus.Compensated, null, null);
                yield return new UndoCompleted(name, undo);
                yield return new UndoFailed(name, undo, new SagaError("UndoBoom", "probe undo failure"));
            }
        }
    }

    public static string Describe(SagaDecision decision) =>
        JsonSerializer.Serialize(decision.Events, SagaJson.Options) + "\n" + Describe(decision.Commands);

    public static string Describe(IEnumerable<SagaCommand> commands)
    {
        var text = new StringBuilder();
        foreach (var command in commands)
            text.Append(command.GetType().Name).Append(' ').AppendLine(JsonSerializer.Serialize<object>(command, SagaJson.Options));
        return text.ToString();
    }

    private static SagaState Fold(SagaGraph graph, SagaState state, SagaDecision decision) =>
        decision.Events.Aggregate(state, (s, e) => SagaDecider.Apply(graph, s, e));
}
