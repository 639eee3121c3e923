using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

public class WaitTests
{
    [Fact]
    public void A_delay_arms_a_timer_at_now_plus_the_delay_and_completes_when_it_fires()
    {
        var graph = new SagaBuilder("delay")
            .Delay("cool-off", TimeSpan.FromHours(1))
            .Step<NoopStep>("after", n => n.After("cool-off"))
            .Build();
        var saga = new SagaDriver(graph);

        var start = saga.Start();

        Assert.Equal(new ArmTimer("delay:cool-off:1", SagaDriver.T0.AddHours(1)), Assert.Single(start.Commands.OfType<ArmTimer>()));
        Assert.Empty(start.Commands.OfType<RunAction>());
        Assert.Equal(StepStatus.Running, saga.StatusOf("cool-off"));
        var fired = saga.Fire("delay:cool-off:1");
        Assert.Equal("after", Assert.Single(fired.Commands.OfType<RunAction>()).Node);
        Assert.Empty(fired.Commands.OfType<DisarmTimer>());
        Assert.Equal(StepStatus.Succeeded, saga.StatusOf("cool-off"));
    }

    [Fact]
    public void A_delay_read_from_the_input_waits_that_many_seconds_and_a_missing_value_completes_at_once()
    {
        var graph = new SagaBuilder("delay-input").DelayFromInput("wait", "waitSeconds").Step<NoopStep>("after", n => n.After("wait")).Build();

        var withValue = new SagaDriver(graph);
        Assert.Equal(SagaDriver.T0.AddSeconds(90), Assert.Single(withValue.Start(new { waitSeconds = 90 }).Commands.OfType<ArmTimer>()).DueAt);

        var without = new SagaDriver(graph);
        var start = without.Start(new { other = 1 });
        Assert.Empty(start.Commands.OfType<ArmTimer>());
        Assert.Equal("after", Assert.Single(start.Commands.OfType<RunAction>()).Node);
    }

    [Fact]
    public void A_wait_until_a_past_instant_completes_at_once()
    {
        var graph = new SagaBuilder("until").WaitUntil("monday", SagaDriver.T0.AddDays(-1)).Build();
        var saga = new SagaDriver(graph);

        saga.Start();

        Assert.Equal(SagaStatus.Succeeded, saga.State.Status);
    }

    [Fact]
    public void A_signal_before_the_timeout_wins_and_disarms_it()
    {
        var saga = new SagaDriver(SignalGraph());
        var start = saga.Start();
        Assert.Equal(new ArmTimer("signal-timeout:approval:1", SagaDriver.T0.AddDays(2)), Assert.Single(start.Commands.OfType<ArmTimer>()));

        var signalled = saga.Signal("approved", new { by = "manager" });

        Assert.Equal(new DisarmTimer("signal-timeout:approval:1"), Assert.Single(signalled.Commands.OfType<DisarmTimer>()));
        var run = Assert.Single(signalled.Commands.OfType<RunAction>());
        Assert.Equal("manager", run.AncestorOutputs["approval"].GetProperty("by").GetString());
        Assert.Same(SagaDecision.None, saga.Send(new TimerFired("signal-timeout:approval:1")));
    }

    [Fact]
    public void The_wait_timeout_fails_the_node_when_no_signal_came()
    {
        var saga = new SagaDriver(SignalGraph());
        saga.Start();

        saga.Fire("signal-timeout:approval:1");

        Assert.Equal(StepStatus.Failed, saga.StatusOf("approval"));
        Assert.Equal(SagaErrors.Timeout, saga.State.Error!.Error);
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Same(SagaDecision.None, saga.Signal("approved"));
    }

    [Fact]
    public void A_signal_that_arrives_before_the_wait_is_active_is_kept_and_consumed_later()
    {
        var graph = new SagaBuilder("early-signal")
            .Step<NoopStep>("prepare")
            .WaitForSignal("approval", "approved", configure: n => n.After("prepare"))
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start();

        var early = saga.Signal("approved", new { n = 1 });
        Assert.IsType<SignalBuffered>(Assert.Single(early.Events));
        Assert.Same(SagaDecision.None, saga.Signal("approved", new { n = 2 }));
        Assert.Same(SagaDecision.None, saga.Signal("nobody-waits-for-this"));

        saga.Complete("prepare");

        Assert.Equal(SagaStatus.Succeeded, saga.State.Status);
        Assert.Equal(1, saga.State.Output!.Value.GetProperty("approval").GetProperty("n").GetInt32());
        Assert.Empty(saga.State.BufferedSignals);
        Assert.True(Assert.Single(saga.Log.OfType<SignalConsumed>()).FromBuffer);
    }

    [Fact]
    public void Cancelling_abandons_a_wait_and_disarms_its_timer()
    {
        var saga = new SagaDriver(SignalGraph());
        saga.Start();

        var cancel = saga.Send(new CancelSaga("no longer needed"));

        Assert.Equal(new DisarmTimer("signal-timeout:approval:1"), Assert.Single(cancel.Commands.OfType<DisarmTimer>()));
        Assert.Equal(SagaStatus.Cancelled, saga.State.Status);
        Assert.Equal(StepStatus.Failed, saga.StatusOf("approval"));
    }

    private static SagaGraph SignalGraph() => new SagaBuilder("signal")
        .WaitForSignal("approval", "approved", TimeSpan.FromDays(2))
        .Step<NoopStep>("ship", n => n.After("approval"))
        .Build();
}
