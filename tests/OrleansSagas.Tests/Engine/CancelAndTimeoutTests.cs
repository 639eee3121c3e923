using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

public class CancelAndTimeoutTests
{
    [Fact]
    public void Cancel_during_a_running_step_cancels_it_and_undoes_the_completed_steps()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b", "c"));
        saga.Start();
        saga.Complete("a");

        var cancel = saga.Send(new CancelSaga("customer changed their mind"));

        Assert.Equal(new CancelAction("b"), Assert.Single(cancel.Commands.OfType<CancelAction>()));
        Assert.Empty(cancel.Commands.OfType<RunUndo>());
        saga.Fail("b", SagaErrors.Cancelled);
        saga.UndoDone("a");

        Assert.Equal(SagaStatus.Cancelled, saga.State.Status);
        Assert.Equal((SagaErrors.Cancelled, "customer changed their mind"), (saga.State.Error!.Error, saga.State.Error.Cause));
        Assert.Equal(["a"], saga.UndoOrder());
        Assert.Equal(SagaStatus.Cancelled, Assert.Single(saga.CommandsOf<NotifyFinished>()).Status);
    }

    [Fact]
    public void A_cancelled_step_that_reports_success_is_undone()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b", "c"));
        saga.Start();
        saga.Complete("a");
        saga.Send(new CancelSaga("stop"));

        saga.Complete("b");
        saga.UndoDone("b");
        saga.UndoDone("a");

        Assert.Equal(["b", "a"], saga.UndoOrder());
        Assert.Equal(SagaStatus.Cancelled, saga.State.Status);
    }

    [Fact]
    public void Cancel_of_a_terminal_or_already_unwinding_saga_decides_nothing()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b"));
        saga.Start();
        saga.Complete("a");
        saga.Fail("b");
        Assert.Same(SagaDecision.None, saga.Send(new CancelSaga("during unwinding")));
        saga.UndoDone("a");

        Assert.Same(SagaDecision.None, saga.Send(new CancelSaga("after the end")));
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
    }

    [Fact]
    public void The_saga_timeout_unwinds_with_outcome_timed_out()
    {
        var graph = new SagaBuilder("timed")
            .Step<NoopStep>("a", n => n.WithUndo<NoopUndo>())
            .Step<NoopStep>("b", n => n.After("a").WithUndo<NoopUndo>())
            .Timeout(TimeSpan.FromMinutes(10))
            .Build();
        var saga = new SagaDriver(graph);
        var start = saga.Start();
        Assert.Equal(new ArmTimer("saga-timeout", SagaDriver.T0.AddMinutes(10)), Assert.Single(start.Commands.OfType<ArmTimer>()));
        saga.Complete("a");

        var timeout = saga.Fire("saga-timeout");

        Assert.Equal(new CancelAction("b"), Assert.Single(timeout.Commands.OfType<CancelAction>()));
        saga.Fail("b", SagaErrors.Cancelled);
        saga.UndoDone("a");
        Assert.Equal(SagaStatus.TimedOut, saga.State.Status);
        Assert.Equal(SagaErrors.Timeout, saga.State.Error!.Error);
        Assert.Same(SagaDecision.None, saga.Send(new TimerFired("saga-timeout")));
    }

    [Fact]
    public void Success_disarms_the_saga_timeout()
    {
        var graph = new SagaBuilder("timed").Step<NoopStep>("a").Timeout(TimeSpan.FromMinutes(10)).Build();
        var saga = new SagaDriver(graph);
        saga.Start();

        var done = saga.Complete("a");

        Assert.Equal(new DisarmTimer("saga-timeout"), Assert.Single(done.Commands.OfType<DisarmTimer>()));
        Assert.Empty(saga.Timers);
    }

    [Fact]
    public void A_failure_unwind_disarms_the_saga_timeout_so_compensation_is_not_cut_short()
    {
        var graph = new SagaBuilder("timed").Step<NoopStep>("a", n => n.WithUndo<NoopUndo>()).Step<NoopStep>("b", n => n.After("a"))
            .Timeout(TimeSpan.FromMinutes(10)).Build();
        var saga = new SagaDriver(graph);
        saga.Start();
        saga.Complete("a");

        var failed = saga.Fail("b");

        Assert.Equal(new DisarmTimer("saga-timeout"), Assert.Single(failed.Commands.OfType<DisarmTimer>()));
        Assert.Same(SagaDecision.None, saga.Send(new TimerFired("saga-timeout")));
    }

    [Fact]
    public void Compensate_on_a_succeeded_saga_undoes_everything_and_on_others_decides_nothing()
    {
        var saga = new SagaDriver(Graphs.Diamond());
        saga.Start();
        Assert.Same(SagaDecision.None, saga.Send(new CompensateSaga("too early")));
        foreach (var n in new[] { "root", "left", "middle", "right", "join" }) saga.Complete(n);

        var compensate = saga.Send(new CompensateSaga("parent unwinds"));
        Assert.Equal("join", Assert.Single(compensate.Commands.OfType<RunUndo>()).Node);
        saga.UndoDone("join");
        foreach (var n in new[] { "left", "middle", "right", "root" }) saga.UndoDone(n);

        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Equal(5, saga.UndoOrder().Count);
        Assert.Same(SagaDecision.None, saga.Send(new CompensateSaga("again")));
    }
}
