using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

public class ChildSagaTests
{
    [Fact]
    public void A_child_saga_is_started_and_its_success_lets_the_parent_continue()
    {
        var saga = new SagaDriver(Graph());
        saga.Start();

        var started = saga.Complete("quote", new { price = 10 });

        var start = Assert.Single(started.Commands.OfType<StartChild>());
        Assert.Equal(new StartChild("book-hotel", "saga-1/book-hotel", "hotel-booking", start.Input), start);
        Assert.Equal(10, start.Input.GetProperty("price").GetInt32());
        var done = saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Succeeded, SagaDriver.Json(new { room = 12 }), null));
        var run = Assert.Single(done.Commands.OfType<RunAction>());
        Assert.Equal(12, run.AncestorOutputs["book-hotel"].GetProperty("room").GetInt32());
    }

    [Fact]
    public void A_failed_child_fails_the_node_and_unwinds_the_parent()
    {
        var saga = new SagaDriver(Graph());
        saga.Start();
        saga.Complete("quote");

        saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Compensated, null, new SagaError("NoRooms", "full")));
        saga.UndoDone("quote");

        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Equal(SagaErrors.ChildFailed, saga.State.Error!.Error);
        Assert.Contains("Compensated", saga.State.Error.Cause, StringComparison.Ordinal);
        Assert.Contains("NoRooms", saga.State.Error.Cause, StringComparison.Ordinal);
        Assert.Empty(saga.CommandsOf<CompensateChild>());
    }

    [Fact]
    public void Unwinding_after_the_child_succeeded_compensates_the_child_then_the_parent()
    {
        var saga = new SagaDriver(Graph());
        saga.Start();
        saga.Complete("quote");
        saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Succeeded, SagaDriver.Json(1), null));

        var failed = saga.Fail("pay");

        Assert.Equal(new CompensateChild("book-hotel", "saga-1/book-hotel"), Assert.Single(failed.Commands.OfType<CompensateChild>()));
        Assert.Empty(failed.Commands.OfType<RunUndo>());
        Assert.Same(SagaDecision.None, saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Succeeded, SagaDriver.Json(1), null)));
        var compensated = saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Compensated, null, null));
        Assert.Equal("quote", Assert.Single(compensated.Commands.OfType<RunUndo>()).Node);
        saga.UndoDone("quote");
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Equal(StepStatus.Undone, saga.StatusOf("book-hotel"));
    }

    [Fact]
    public void A_child_that_cannot_be_compensated_makes_the_parent_stuck()
    {
        var saga = new SagaDriver(Graph());
        saga.Start();
        saga.Complete("quote");
        saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Succeeded, SagaDriver.Json(1), null));
        saga.Fail("pay");

        saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Stuck, null, new SagaError("RefundRejected", "no")));

        Assert.Equal((SagaStatus.Stuck, "book-hotel"), (saga.State.Status, saga.State.StuckNode));
        var retry = saga.Send(new RetryStuckUndo("book-hotel"));
        Assert.Single(retry.Commands.OfType<CompensateChild>());
    }

    [Fact]
    public void Cancelling_the_parent_cancels_a_running_child()
    {
        var saga = new SagaDriver(Graph());
        saga.Start();
        saga.Complete("quote");

        var cancel = saga.Send(new CancelSaga("stop"));

        Assert.Equal(new CancelChild("book-hotel", "saga-1/book-hotel"), Assert.Single(cancel.Commands.OfType<CancelChild>()));
        saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Cancelled, null, null));
        saga.UndoDone("quote");
        Assert.Equal(SagaStatus.Cancelled, saga.State.Status);
        Assert.Equal(StepStatus.Failed, saga.StatusOf("book-hotel"));
    }

    [Fact]
    public void A_retried_child_gets_a_fresh_id_so_its_outcome_is_not_the_failed_one()
    {
        var graph = new SagaBuilder("child-retry")
            .ChildSaga("c", "other", n => n.Retry(new Retrier { ErrorEquals = [SagaErrors.ChildFailed], Interval = TimeSpan.FromSeconds(1), MaxAttempts = 1 }))
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start();

        saga.Send(new ChildCompleted("c", "saga-1/c", SagaStatus.Compensated, null, null));
        var retry = saga.Fire("retry:c:2");

        Assert.Equal("saga-1/c#2", Assert.Single(retry.Commands.OfType<StartChild>()).ChildId);
        Assert.Same(SagaDecision.None, saga.Send(new ChildCompleted("c", "saga-1/c", SagaStatus.Succeeded, null, null)));
        saga.Send(new ChildCompleted("c", "saga-1/c#2", SagaStatus.Succeeded, SagaDriver.Json(1), null));
        Assert.Equal(SagaStatus.Succeeded, saga.State.Status);
    }

    [Fact]
    public void A_report_from_an_unknown_child_decides_nothing()
    {
        var saga = new SagaDriver(Graph());
        saga.Start();
        saga.Complete("quote");

        Assert.Same(SagaDecision.None, saga.Send(new ChildCompleted("book-hotel", "other-saga/book-hotel", SagaStatus.Succeeded, null, null)));
        Assert.Same(SagaDecision.None, saga.Send(new ChildCompleted("quote", "saga-1/quote", SagaStatus.Succeeded, null, null)));
        Assert.Same(SagaDecision.None, saga.Send(new ChildCompleted("book-hotel", "saga-1/book-hotel", SagaStatus.Running, null, null)));
    }

    [Fact]
    public void A_succeeded_child_is_compensated_on_request_by_its_parent()
    {
        var child = new SagaDriver(Graphs.Linear("reserve", "confirm"), "parent/book-hotel");
        child.Start(parentId: "parent", parentNode: "book-hotel");
        child.Complete("reserve");
        child.Complete("confirm");

        child.Send(new CompensateSaga("parent unwinds"));
        child.UndoDone("confirm");
        child.UndoDone("reserve");

        Assert.Equal(SagaStatus.Compensated, child.State.Status);
        Assert.Equal(["confirm", "reserve"], child.UndoOrder());
        Assert.Equal(("parent", "book-hotel"), (child.State.ParentId, child.State.ParentNode));
        Assert.Equal([SagaStatus.Succeeded, SagaStatus.Compensated], child.CommandsOf<NotifyFinished>().Select(n => n.Status));
        Assert.Null(child.State.Output);
    }

    private static SagaGraph Graph() => new SagaBuilder("trip")
        .Step<NoopStep>("quote", n => n.WithUndo<NoopUndo>())
        .ChildSaga("book-hotel", "hotel-booking", n => n.After("quote").InputFrom("quote"))
        .Step<NoopStep>("pay", n => n.After("book-hotel").WithUndo<NoopUndo>())
        .Build();
}
