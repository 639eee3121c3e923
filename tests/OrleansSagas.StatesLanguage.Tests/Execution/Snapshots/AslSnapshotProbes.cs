using System.Text;
using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.StatesLanguage.Tests.Execution.Snapshots;

/// <summary>
/// Checks that a run state restored from its snapshot behaves like the original: the same view, the same work
/// re-issued on activation, and the same decision (and next state) for every message that could arrive next.
/// </summary>
internal static class AslSnapshotProbes
{
    public static void AssertRoundTrips(AslSagaDefinition definition, AslRunState original, IEnumerable<SagaMessage> extraMessages, DateTimeOffset now)
    {
        var json = AslRunStateCodec.Serialize(original);
        var restored = AslRunStateCodec.Deserialize(json);
        Assert.Equal(json, AslRunStateCodec.Serialize(restored));
        Assert.Equal(original.Execution.ToJson(), restored.Execution.ToJson());
        Assert.Equal(View(definition, original), View(definition, restored));
        Assert.Equal(Describe(definition.Resume(original)), Describe(definition.Resume(restored)));
        foreach (var message in Messages(original).Concat(extraMessages))
        {
            // Decide takes ownership of its state: each probe decides on its own copy.
            var expected = definition.Decide(original with { Execution = original.Execution.Clone() }, message, now);
            var actual = definition.Decide(AslRunStateCodec.Deserialize(json), message, now);
            Assert.Equal(Describe(expected), Describe(actual));
            Assert.Equal(AslRunStateCodec.Serialize((AslRunState)expected.State), AslRunStateCodec.Serialize((AslRunState)actual.State));
        }
    }

    /// <summary>A message of every kind that means something to <paramref name="state"/>: task results, timers, a stop.</summary>
    public static IEnumerable<SagaMessage> Messages(AslRunState state)
    {
        yield return new CancelSaga("probe stop");
        foreach (var timer in state.Execution.PendingTimers.Keys.Order(StringComparer.Ordinal)) yield return new TimerFired(timer);
        foreach (var task in state.Execution.PendingTaskIds.Order(StringComparer.Ordinal))
        {
            yield return new StepCompleted(task, 1, JsonSerializer.SerializeToElement(new { probe = task, values = new[] { 1.5, 2 } }));
            yield return new StepFailed(task, 1, new SagaError("Transient", "probe failure"));
            yield return new StepFailed(task, 1, new SagaError("States.Timeout", "probe timeout"));
        }
    }

    private static string View(AslSagaDefinition definition, AslRunState state) =>
        JsonSerializer.Serialize(definition.View(state), SagaJson.Options);

    private static string Describe(OrleansSagas.Runtime.SagaTurn decision)
    {
        var text = new StringBuilder();
        foreach (var e in decision.Events)
            text.Append(e.Timestamp.ToString("O")).Append(' ').AppendLine(JsonSerializer.Serialize(((AslSagaEvent)e).Event));
        return text.Append(Describe(decision.Commands)).ToString();
    }

    private static string Describe(IEnumerable<SagaCommand> commands)
    {
        var text = new StringBuilder();
        foreach (var command in commands)
            text.Append(command.GetType().Name).Append(' ').AppendLine(JsonSerializer.Serialize<object>(command, SagaJson.Options));
        return text.ToString();
    }
}
