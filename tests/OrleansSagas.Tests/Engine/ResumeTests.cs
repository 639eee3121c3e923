using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

public class ResumeTests
{
    [Fact]
    public void A_step_scheduled_without_a_result_runs_again_with_the_same_attempt()
    {
        var graph = new SagaBuilder("resume").Step<NoopStep>("a", n => n.Retry(new Retrier { Interval = TimeSpan.Zero }))
            .Step<NoopStep>("b", n => n.After("a")).Build();
        var saga = new SagaDriver(graph);
        saga.Start(new { order = 9 });
        saga.Fail("a");
        saga.Fire("retry:a:2");
        var original = Assert.Single(saga.LastCommands<RunAction>());

        // The "crash": only the log survives; the state is rebuilt from it.
        var rebuilt = SagaDecider.Replay(graph, saga.Log);
        var resumed = SagaDecider.Resume(graph, rebuilt);

        var run = Assert.IsType<RunAction>(Assert.Single(resumed));
        Assert.Equal((original.Node, original.Attempt, 2), (run.Node, run.Attempt, run.Attempt));
        Assert.True(SagaJson.DeepEquals(original.Input, run.Input));
        Assert.Empty(SagaDecider.Resume(graph, SagaState.Empty));
    }

    [Fact]
    public void A_step_left_scheduled_when_unwinding_is_rerun_then_undone_if_it_succeeds()
    {
        var saga = new SagaDriver(Graphs.Diamond());
        saga.Start();
        saga.Complete("root");
        saga.Fail("left");

        var resumed = SagaDecider.Resume(saga.Graph, SagaDecider.Replay(saga.Graph, saga.Log));
        Assert.Equal(["middle", "right"], resumed.OfType<RunAction>().Select(r => r.Node).Order());
        Assert.Empty(resumed.OfType<CancelAction>());

        saga.Complete("middle");
        saga.Complete("right");
        Assert.Equal(["middle", "right"], saga.UndoOrder().Order());
    }

    [Fact]
    public void Undos_and_children_in_flight_are_reissued_and_timers_are_not()
    {
        var graph = new SagaBuilder("resume-mixed")
            .Step<NoopStep>("a", n => n.WithUndo<NoopUndo>())
            .ChildSaga("child", "other")
            .Step<NoopStep>("b", n => n.After("a").Timeout(TimeSpan.FromMinutes(1)))
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start();
        saga.Complete("a");
        Assert.Contains(saga.Timers.Keys, k => k.StartsWith("attempt-timeout:b", StringComparison.Ordinal));

        var running = SagaDecider.Resume(graph, saga.State);
        Assert.Equal(["StartChild:child", "RunAction:b"], running.Select(Describe));

        saga.Fail("b");
        var unwinding = SagaDecider.Resume(graph, SagaDecider.Replay(graph, saga.Log));
        Assert.Equal(["RunUndo:a", "StartChild:child", "CancelChild:child"], unwinding.Select(Describe));
        Assert.Equal(1, Assert.IsType<RunUndo>(unwinding[0]).Attempt);
    }

    [Fact]
    public void A_cancelling_saga_resumes_its_actions_with_their_cancellation_and_a_finished_one_renotifies()
    {
        var saga = new SagaDriver(Graphs.Linear("a", "b"));
        saga.Start();
        saga.Send(new CancelSaga("stop"));

        Assert.Equal(["RunAction:a", "CancelAction:a"], SagaDecider.Resume(saga.Graph, saga.State).Select(Describe));

        saga.Fail("a", SagaErrors.Cancelled);
        var notify = Assert.IsType<NotifyFinished>(Assert.Single(SagaDecider.Resume(saga.Graph, saga.State)));
        Assert.Equal(SagaStatus.Cancelled, notify.Status);
    }

    private static string Describe(SagaCommand command) => command switch
    {
        RunAction c => $"RunAction:{c.Node}",
        RunUndo c => $"RunUndo:{c.Node}",
        StartChild c => $"StartChild:{c.Node}",
        CancelChild c => $"CancelChild:{c.Node}",
        CancelAction c => $"CancelAction:{c.Node}",
        _ => command.GetType().Name,
    };
}
