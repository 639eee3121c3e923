using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

public class StuckSagaTests
{
    [Fact]
    public void An_undo_failing_for_good_makes_the_saga_stuck_and_nothing_more_is_dispatched()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b", "c"));
        saga.Start();
        saga.Complete("a");
        saga.Complete("b");
        saga.Fail("c");

        var stuck = saga.UndoFail("b", "RefundRejected");

        Assert.Equal(SagaStatus.Stuck, saga.State.Status);
        Assert.Equal("b", saga.State.StuckNode);
        Assert.Equal("RefundRejected", saga.State.Error!.Error);
        Assert.Equal(StepStatus.UndoFailed, saga.StatusOf("b"));
        Assert.Empty(stuck.Commands.OfType<RunUndo>());
        var notify = Assert.Single(stuck.Commands.OfType<NotifyFinished>());
        Assert.Equal((SagaStatus.Stuck, "RefundRejected"), (notify.Status, notify.Error!.Error));
        Assert.DoesNotContain("a", saga.UndoOrder());
        Assert.Same(SagaDecision.None, saga.Send(new CancelSaga("too late")));
        Assert.Same(SagaDecision.None, saga.Send(new SignalReceived("s", SagaDriver.Json(1))));
    }

    [Fact]
    public void In_flight_work_drains_while_stuck_but_no_new_undo_starts()
    {
        var saga = new SagaDriver(Graphs.Diamond());
        saga.Start();
        saga.Complete("root");
        saga.Complete("left");
        saga.Fail("middle");
        saga.UndoFail("left");
        Assert.Equal(SagaStatus.Stuck, saga.State.Status);

        var drained = saga.Complete("right");

        Assert.Equal(StepStatus.Succeeded, saga.StatusOf("right"));
        Assert.Empty(drained.Commands);
        Assert.Equal(SagaStatus.Stuck, saga.State.Status);
    }

    [Fact]
    public void Retrying_a_stuck_undo_runs_it_again_and_unwinding_completes()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b", "c"));
        saga.Start();
        saga.Complete("a");
        saga.Complete("b");
        saga.Fail("c", "Original");
        saga.UndoFail("b");

        var retry = saga.Send(new RetryStuckUndo("b"));

        var undo = Assert.Single(retry.Commands.OfType<RunUndo>());
        Assert.Equal(("b", 2), (undo.Node, undo.Attempt));
        Assert.Equal(SagaStatus.Running, saga.State.Status);
        Assert.Null(saga.State.StuckNode);
        saga.UndoDone("b");
        saga.UndoDone("a");
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Equal("Original", saga.State.Error!.Error);
    }

    [Fact]
    public void Skipping_a_stuck_undo_marks_it_undone_and_unwinding_continues()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b", "c"));
        saga.Start();
        saga.Complete("a");
        saga.Complete("b");
        saga.Fail("c");
        saga.UndoFail("b");

        var skip = saga.Send(new SkipStuckUndo("b"));

        Assert.Equal(StepStatus.Undone, saga.StatusOf("b"));
        Assert.Equal("a", Assert.Single(skip.Commands.OfType<RunUndo>()).Node);
        saga.UndoDone("a");
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
    }

    [Fact]
    public void Operator_actions_on_a_node_that_is_not_stuck_decide_nothing()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b", "c"));
        saga.Start();
        saga.Complete("a");
        saga.Complete("b");
        saga.Fail("c");
        saga.UndoFail("b");

        Assert.Same(SagaDecision.None, saga.Send(new RetryStuckUndo("a")));
        Assert.Same(SagaDecision.None, saga.Send(new SkipStuckUndo("c")));
        Assert.Same(SagaDecision.None, saga.Send(new SkipStuckUndo("unknown")));
    }

    [Fact]
    public void A_failing_undo_is_retried_per_its_policy_with_durable_timers_before_giving_up()
    {
        var graph = new SagaBuilder("undo-retry")
            .Step<NoopStep>("a", n => n.WithUndo<NoopUndo>().RetryUndo(new Retrier { Interval = TimeSpan.FromSeconds(10), MaxAttempts = 2, BackoffRate = 3 }))
            .Step<NoopStep>("b", n => n.After("a"))
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start();
        saga.Complete("a");
        saga.Fail("b");

        var first = saga.UndoFail("a");
        Assert.Equal(new ArmTimer("undo-retry:a:2", saga.Now.AddSeconds(10)), Assert.Single(first.Commands.OfType<ArmTimer>()));
        Assert.Equal(StepStatus.Undoing, saga.StatusOf("a"));
        Assert.Equal(2, Assert.Single(saga.Fire("undo-retry:a:2").Commands.OfType<RunUndo>()).Attempt);
        var second = saga.UndoFail("a");
        Assert.Equal(new ArmTimer("undo-retry:a:3", saga.Now.AddSeconds(30)), Assert.Single(second.Commands.OfType<ArmTimer>()));
        saga.Fire("undo-retry:a:3");
        saga.UndoFail("a");

        Assert.Equal(SagaStatus.Stuck, saga.State.Status);
        Assert.Equal(3, saga.Log.OfType<UndoScheduled>().Count());
    }
}
