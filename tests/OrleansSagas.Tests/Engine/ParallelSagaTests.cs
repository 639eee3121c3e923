using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

public class ParallelSagaTests
{
    [Fact]
    public void Fan_out_schedules_every_ready_branch_and_fan_in_waits_for_all()
    {
        var saga = new SagaDriver(Graphs.Diamond());
        saga.Start();

        var fanOut = saga.Complete("root");
        Assert.Equal(["left", "middle", "right"], fanOut.Commands.OfType<RunAction>().Select(r => r.Node).Order());

        Assert.Empty(saga.Complete("left").Commands.OfType<RunAction>());
        Assert.Empty(saga.Complete("right").Commands.OfType<RunAction>());
        var join = Assert.Single(saga.Complete("middle").Commands.OfType<RunAction>());
        Assert.Equal("join", join.Node);
        Assert.Equal(["left", "middle", "right", "root"], join.AncestorOutputs.Keys.Order());

        saga.Complete("join");
        Assert.Equal(SagaStatus.Succeeded, saga.State.Status);
    }

    [Fact]
    public void A_branch_failing_while_siblings_run_lets_them_finish_then_undoes_them_and_never_the_unstarted_join()
    {
        var saga = new SagaDriver(Graphs.Diamond());
        saga.Start();
        saga.Complete("root");

        var failure = saga.Fail("middle");

        // Nothing new is scheduled, nothing is undone yet: root waits for its running dependents.
        Assert.Empty(failure.Commands.OfType<RunAction>());
        Assert.Empty(failure.Commands.OfType<RunUndo>());
        Assert.Empty(failure.Commands.OfType<CancelAction>());

        var leftDone = saga.Complete("left");
        Assert.Equal("left", Assert.Single(leftDone.Commands.OfType<RunUndo>()).Node);
        Assert.Empty(leftDone.Commands.OfType<RunAction>());

        var rightDone = saga.Complete("right");
        Assert.Equal("right", Assert.Single(rightDone.Commands.OfType<RunUndo>()).Node);

        Assert.Empty(saga.UndoDone("left").Commands.OfType<RunUndo>());
        Assert.Equal("root", Assert.Single(saga.UndoDone("right").Commands.OfType<RunUndo>()).Node);
        saga.UndoDone("root");

        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Equal(StepStatus.Pending, saga.StatusOf("join"));
        Assert.Equal(StepStatus.Failed, saga.StatusOf("middle"));
        Assert.DoesNotContain("join", saga.UndoOrder());
        Assert.DoesNotContain("middle", saga.UndoOrder());
        Assert.DoesNotContain("join", saga.RunOrder());
    }

    [Fact]
    public void Independent_branches_undo_in_parallel()
    {
        var saga = new SagaDriver(Graphs.Diamond());
        saga.Start();
        saga.Complete("root");
        saga.Complete("left");
        saga.Complete("right");

        var failure = saga.Fail("middle");

        Assert.Equal(["left", "right"], failure.Commands.OfType<RunUndo>().Select(u => u.Node).Order());
    }

    [Fact]
    public void A_sibling_that_fails_while_unwinding_is_just_failed()
    {
        var saga = new SagaDriver(Graphs.Diamond());
        saga.Start();
        saga.Complete("root");
        saga.Fail("left", "First");

        var second = saga.Fail("right", "Second");

        Assert.Empty(second.Commands.OfType<RunUndo>());
        saga.Fail("middle", "Third");
        Assert.Equal("root", Assert.Single(saga.LastCommands<RunUndo>()).Node);
        saga.UndoDone("root");

        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Equal("First", saga.State.Error!.Error);
        Assert.Equal(["root"], saga.UndoOrder());
        Assert.Equal([StepStatus.Failed, StepStatus.Failed, StepStatus.Failed], new[] { "left", "middle", "right" }.Select(saga.StatusOf));
    }

    [Fact]
    public void A_diamond_unwinds_the_join_first_then_the_branches_then_the_root()
    {
        var graph = new OrleansSagas.Definitions.SagaBuilder("diamond-tail")
            .Step<NoopStep>("root", n => n.WithUndo<NoopUndo>())
            .Step<NoopStep>("left", n => n.After("root").WithUndo<NoopUndo>())
            .Step<NoopStep>("right", n => n.After("root").WithUndo<NoopUndo>())
            .Step<NoopStep>("join", n => n.After("left", "right").WithUndo<NoopUndo>())
            .Step<NoopStep>("last", n => n.After("join"))
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start();
        foreach (var n in new[] { "root", "left", "right", "join" }) saga.Complete(n);

        saga.Fail("last");
        Assert.Equal(["join"], saga.LastCommands<RunUndo>().Select(u => u.Node));
        saga.UndoDone("join");
        Assert.Equal(["left", "right"], saga.LastCommands<RunUndo>().Select(u => u.Node).Order());
        saga.UndoDone("right");
        Assert.Empty(saga.LastCommands<RunUndo>());
        saga.UndoDone("left");
        Assert.Equal(["root"], saga.LastCommands<RunUndo>().Select(u => u.Node));
        saga.UndoDone("root");

        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
    }
}
