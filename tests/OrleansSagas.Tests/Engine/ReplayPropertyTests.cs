using System.Text.Json;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Events;
using OrleansSagas.Tests.Engine.Support;
using Xunit.Abstractions;

namespace OrleansSagas.Tests.Engine;

public class ReplayPropertyTests(ITestOutputHelper output)
{
    private const int Graphs = 200;

    [Fact]
    public void Replaying_every_prefix_of_the_log_rebuilds_the_state_the_saga_had_after_that_many_events()
    {
        var random = new Random(20300101);
        var outcomes = new Dictionary<SagaStatus, int>();
        var crashes = 0;
        var events = 0;
        var eventTypes = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < Graphs; g++)
        {
            var graph = RandomSagas.Graph(random);
            var saga = new SagaDriver(graph, $"saga-{g}");
            var world = new RandomWorld(random, saga);
            world.Run();
            crashes += world.Crashes;
            events += saga.Log.Count;
            eventTypes.UnionWith(saga.Log.Select(e => e.GetType().Name));

            Assert.Equal(StateJson.Canonical(SagaState.Empty), StateJson.Canonical(SagaDecider.Replay(graph, [])));
            for (var i = 1; i <= saga.Log.Count; i++)
                Assert.Equal(StateJson.Canonical(saga.States[i - 1]), StateJson.Canonical(SagaDecider.Replay(graph, saga.Log.Take(i))));

            var json = JsonSerializer.Serialize(saga.Log, SagaJson.Options);
            var parsed = JsonSerializer.Deserialize<List<SagaEvent>>(json, SagaJson.Options)!;
            Assert.Equal(StateJson.Canonical(saga.State), StateJson.Canonical(SagaDecider.Replay(graph, parsed)));

            CheckSemantics(saga);
            outcomes[saga.State.Status] = outcomes.GetValueOrDefault(saga.State.Status) + 1;
        }
        output.WriteLine($"{Graphs} sagas, {events} events, {crashes} crashes, outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}"))}");
        // Every kind of event shows up, or the generator misses a path.
        Assert.Equal(typeof(SagaEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SagaEvent))).Select(t => t.Name).Order(), eventTypes.Order());
        // The generator must exercise every way a saga ends, or the property says little.
        Assert.All(new[] { SagaStatus.Succeeded, SagaStatus.Compensated, SagaStatus.Cancelled }, s => Assert.True(outcomes.GetValueOrDefault(s) > 5, $"{s}: {outcomes.GetValueOrDefault(s)}"));
        Assert.True(crashes > 20, $"crashes: {crashes}");
    }

    private static void CheckSemantics(SagaDriver saga)
    {
        var graph = saga.Graph;
        var unwound = false;
        for (var i = 0; i < saga.Log.Count; i++)
        {
            var before = i == 0 ? SagaState.Empty : saga.States[i - 1];
            switch (saga.Log[i])
            {
                case UnwindStarted:
                    unwound = true;
                    break;
                case ActionScheduled or DelayStarted or SignalWaitStarted or ChildSagaStarted:
                    Assert.False(unwound, "nothing new starts once the saga unwinds");
                    break;
                case UndoScheduled { Attempt: 1 } or NodeUndone { Attempt: 0 }:
                    var node = saga.Log[i] is UndoScheduled u ? u.Node : ((NodeUndone)saga.Log[i]).Node;
                    Assert.Equal(StepStatus.Succeeded, before.Node(node).Status);
                    Assert.All(graph.DependentsOf(node), d =>
                        Assert.Contains(before.Node(d).Status, new[] { StepStatus.Pending, StepStatus.Failed, StepStatus.Undone }));
                    break;
            }
        }
        var final = saga.State;
        if (final.Status == SagaStatus.Succeeded)
            Assert.All(final.Steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        else
            Assert.All(final.Steps, s => Assert.Contains(s.Status, new[] { StepStatus.Pending, StepStatus.Failed, StepStatus.Undone }));
        Assert.Empty(saga.Timers);
        Assert.DoesNotContain(SagaDecider.Resume(graph, final), c => c is not OrleansSagas.Engine.Commands.NotifyFinished);
    }
}
