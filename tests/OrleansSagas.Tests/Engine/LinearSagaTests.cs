using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

public class LinearSagaTests
{
    private static readonly string[] Names = ["a", "b", "c", "d", "e"];

    [Fact]
    public void Start_records_the_saga_and_schedules_only_the_first_step()
    {
        var saga = new SagaDriver(Graphs.Linear(Names));

        var decision = saga.Start(new { order = 7 });

        var started = Assert.IsType<SagaStarted>(decision.Events[0]);
        Assert.Equal("saga-1", started.SagaId);
        Assert.Equal(new ActionScheduled("a", 1, null) { Timestamp = saga.Now }, decision.Events[1]);
        var run = Assert.Single(decision.Commands.OfType<RunAction>());
        Assert.Equal(("a", 1, 7), (run.Node, run.Attempt, run.Input.GetProperty("order").GetInt32()));
        Assert.Empty(run.AncestorOutputs);
        Assert.Equal(SagaStatus.Running, saga.State.Status);
        Assert.Equal([StepStatus.Running, StepStatus.Pending, StepStatus.Pending, StepStatus.Pending, StepStatus.Pending], saga.State.Steps.Select(s => s.Status));
    }

    [Fact]
    public void Start_on_a_started_saga_decides_nothing()
    {
        var saga = new SagaDriver(Graphs.Linear(Names));
        saga.Start();

        Assert.Same(SagaDecision.None, saga.Start());
    }

    [Fact]
    public void Steps_run_one_after_another_and_the_saga_succeeds_with_the_leaf_output()
    {
        var saga = new SagaDriver(Graphs.Linear(Names));
        saga.Start();

        foreach (var name in Names) saga.Complete(name, new { from = name });

        Assert.Equal(Names, saga.RunOrder());
        Assert.Equal(SagaStatus.Succeeded, saga.State.Status);
        Assert.True(SagaJson.DeepEquals(SagaJson.Parse("""{"e":{"from":"e"}}"""), saga.State.Output!.Value));
        var notify = Assert.Single(saga.CommandsOf<NotifyFinished>());
        Assert.Equal(SagaStatus.Succeeded, notify.Status);
        Assert.All(saga.State.Steps, s => Assert.Equal((StepStatus.Succeeded, 1), (s.Status, s.Attempts)));
        Assert.Empty(saga.CommandsOf<RunUndo>());
    }

    [Fact]
    public void A_step_receives_the_outputs_of_all_its_ancestors()
    {
        var saga = new SagaDriver(Graphs.Linear(Names));
        saga.Start();
        saga.Complete("a", 1);
        saga.Complete("b", 2);

        var run = Assert.Single(saga.LastCommands<RunAction>());

        Assert.Equal("c", run.Node);
        Assert.Equal(["a", "b"], run.AncestorOutputs.Keys.Order());
        Assert.Equal(2, run.AncestorOutputs["b"].GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_failure_at_any_position_undoes_the_steps_before_it_in_exact_reverse_order(int failing)
    {
        var saga = new SagaDriver(Graphs.Linear(Names));
        saga.Start();
        for (var i = 0; i < failing; i++) saga.Complete(Names[i]);

        saga.Fail(Names[failing], "CardDeclined");
        var expected = Names.Take(failing).Reverse().ToList();
        foreach (var name in expected)
        {
            Assert.Equal(name, Assert.Single(saga.LastCommands<RunUndo>()).Node);
            saga.UndoDone(name);
        }

        Assert.Equal(expected, saga.UndoOrder());
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Equal("CardDeclined", saga.State.Error!.Error);
        Assert.Equal(StepStatus.Failed, saga.StatusOf(Names[failing]));
        Assert.All(Names.Skip(failing + 1), n => Assert.Equal(StepStatus.Pending, saga.StatusOf(n)));
        Assert.All(expected, n => Assert.Equal(StepStatus.Undone, saga.StatusOf(n)));
        Assert.Equal(SagaStatus.Compensated, Assert.Single(saga.CommandsOf<NotifyFinished>()).Status);
        Assert.Equal(Names.Take(failing + 1), saga.RunOrder());
    }

    [Fact]
    public void The_failed_step_itself_is_never_undone()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b"));
        saga.Start();
        saga.Complete("a");

        saga.Fail("b");
        saga.UndoDone("a");

        Assert.DoesNotContain("b", saga.UndoOrder());
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
    }

    [Fact]
    public void The_undo_receives_the_input_and_the_output_of_the_action()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b"));
        saga.Start(new { order = 3 });
        saga.Complete("a", new { booking = "X1" });

        saga.Fail("b");

        var undo = Assert.Single(saga.LastCommands<RunUndo>());
        Assert.Equal(("a", 1, 3, "X1"), (undo.Node, undo.Attempt, undo.Input.GetProperty("order").GetInt32(), undo.ActionOutput!.Value.GetProperty("booking").GetString()));
    }

    [Fact]
    public void Steps_without_undo_count_as_undone_at_once()
    {
        var graph = new SagaBuilder("mixed")
            .Step<NoopStep>("a", n => n.WithUndo<NoopUndo>())
            .Step<NoopStep>("b", n => n.After("a"))
            .Step<NoopStep>("c", n => n.After("b"))
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start();
        saga.Complete("a");
        saga.Complete("b");

        saga.Fail("c");

        Assert.Equal(StepStatus.Undone, saga.StatusOf("b"));
        Assert.Equal("a", Assert.Single(saga.LastCommands<RunUndo>()).Node);
        var undone = saga.Log.OfType<NodeUndone>().Single();
        Assert.Equal(("b", 0), (undone.Node, undone.Attempt));
    }

    [Fact]
    public void Duplicate_and_stale_deliveries_decide_nothing()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b"));
        saga.Start();
        var first = new StepCompleted("a", 1, SagaDriver.Json("x"));
        saga.Send(first);
        var before = StateJson.Canonical(saga.State);

        Assert.Same(SagaDecision.None, saga.Send(first));
        Assert.Same(SagaDecision.None, saga.Send(new StepFailed("a", 1, new SagaError("E", "late"))));
        Assert.Same(SagaDecision.None, saga.Send(new StepCompleted("b", 2, SagaDriver.Json("wrong attempt"))));
        Assert.Same(SagaDecision.None, saga.Send(new StepCompleted("nope", 1, SagaDriver.Json("unknown node"))));
        Assert.Same(SagaDecision.None, saga.Send(new StepCompleted(null!, 1, default)));
        Assert.Same(SagaDecision.None, saga.Send(new UndoCompleted("a", 1)));
        Assert.Same(SagaDecision.None, saga.Send(new TimerFired("retry:a:2")));
        Assert.Same(SagaDecision.None, saga.Send(new RetryStuckUndo("a")));
        Assert.Same(SagaDecision.None, saga.Send(new CompensateSaga("not succeeded")));
        Assert.Equal(before, StateJson.Canonical(saga.State));
    }

    [Fact]
    public void Messages_before_the_start_and_after_the_end_decide_nothing()
    {
        var saga = new SagaDriver(Graphs.Linear("a"));
        Assert.Same(SagaDecision.None, saga.Send(new StepCompleted("a", 1, SagaDriver.Json(1))));
        Assert.Same(SagaDecision.None, saga.Send(new CancelSaga("early")));

        saga.Start();
        saga.Complete("a");

        Assert.Same(SagaDecision.None, saga.Send(new StepCompleted("a", 1, SagaDriver.Json(1))));
        Assert.Same(SagaDecision.None, saga.Send(new CancelSaga("late")));
        Assert.Same(SagaDecision.None, saga.Send(new SignalReceived("x", default)));
    }

    [Fact]
    public void Output_from_a_named_node_becomes_the_saga_output()
    {
        var graph = new SagaBuilder("out")
            .Step<NoopStep>("a")
            .Step<NoopStep>("b", n => n.After("a"))
            .OutputFrom("a")
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start();
        saga.Complete("a", new { id = 5 });
        saga.Complete("b");

        Assert.Equal(5, saga.State.Output!.Value.GetProperty("id").GetInt32());
    }

    [Fact]
    public void Input_from_another_node_is_that_node_output()
    {
        var graph = new SagaBuilder("input-from")
            .Step<NoopStep>("a")
            .Step<NoopStep>("b", n => n.After("a").InputFrom("a"))
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start(new { order = 1 });

        saga.Complete("a", new { quote = 99 });

        Assert.Equal(99, Assert.Single(saga.LastCommands<RunAction>()).Input.GetProperty("quote").GetInt32());
    }

    [Fact]
    public void Constants_succeed_at_once_and_cascade_in_the_same_decision()
    {
        var graph = new SagaBuilder("constants")
            .Constant("k1", new { rate = 2 })
            .Constant("k2", 3, n => n.After("k1"))
            .Step<NoopStep>("use", n => n.After("k2").InputFrom("k1"))
            .Build();
        var saga = new SagaDriver(graph);

        var decision = saga.Start();

        var run = Assert.Single(decision.Commands.OfType<RunAction>());
        Assert.Equal(2, run.Input.GetProperty("rate").GetInt32());
        Assert.Equal(3, run.AncestorOutputs["k2"].GetInt32());
        Assert.Equal(StepStatus.Succeeded, saga.StatusOf("k2"));
    }

    [Fact]
    public void Events_are_stamped_with_the_decision_time_and_replay_to_the_same_state()
    {
        var saga = new SagaDriver(Graphs.Linear(Names));
        saga.Start();
        saga.Complete("a");
        saga.Now = saga.Now.AddMinutes(5);
        saga.Fail("b");

        Assert.All(saga.Log.Skip(4), e => Assert.Equal(SagaDriver.T0.AddMinutes(5), e.Timestamp));
        Assert.Equal(StateJson.Canonical(saga.State), StateJson.Canonical(SagaDecider.Replay(saga.Graph, saga.Log)));
        Assert.Equal(saga.Log.Count, saga.State.EventCount);
        Assert.Equal(SagaDriver.T0, saga.State.CreatedAt);
        Assert.Equal(SagaDriver.T0.AddMinutes(5), saga.State.UpdatedAt);
    }
}
