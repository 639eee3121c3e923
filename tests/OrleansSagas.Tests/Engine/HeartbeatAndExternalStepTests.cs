using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

/// <summary>Heartbeat deadlines of steps, and steps whose attempts run on workers or wait for a task token.</summary>
public class HeartbeatAndExternalStepTests
{
    private static SagaGraph Beating(TimeSpan heartbeat, TimeSpan? timeout = null) => new SagaBuilder("beating")
        .Activity("charge", "charge-card", n =>
        {
            n.Heartbeat(heartbeat).Retry(new Retrier { ErrorEquals = [SagaErrors.HeartbeatTimeout], MaxAttempts = 1, Interval = TimeSpan.Zero });
            if (timeout is { } t) n.Timeout(t);
        })
        .Build();

    [Fact]
    public void An_activity_step_runs_as_an_external_attempt_of_its_activity()
    {
        var saga = new SagaDriver(new SagaBuilder("external")
            .Activity("charge", "charge-card")
            .Step<NoopStep>("approve", n => n.After("charge").WaitForTaskToken())
            .Build());
        saga.Start();
        var charge = Assert.Single(saga.LastCommands<RunAction>());
        Assert.Equal(("charge", "charge-card", false, true), (charge.Node, charge.Activity, charge.WaitForTaskToken, charge.IsExternal));

        saga.Complete("charge", new { receipt = "r" });
        var approve = Assert.Single(saga.LastCommands<RunAction>());
        Assert.Equal((null, true, true), (approve.Activity, approve.WaitForTaskToken, approve.IsExternal));
    }

    [Fact]
    public void An_attempt_without_a_heartbeat_in_time_fails_with_heartbeat_timeout_and_is_retried()
    {
        var saga = new SagaDriver(Beating(TimeSpan.FromSeconds(30)));
        saga.Start();
        var deadline = Assert.Single(saga.Timers);
        Assert.Equal(SagaDriver.T0.AddSeconds(30), deadline.Value);

        saga.Now = deadline.Value;
        var fired = saga.Fire(deadline.Key);

        Assert.Equal(new CancelAction("charge"), Assert.Single(fired.Commands.OfType<CancelAction>()));
        Assert.Equal(StepStatus.RetryWaiting, saga.State.Node("charge").Status);
        Assert.Equal(SagaErrors.HeartbeatTimeout, saga.State.Node("charge").Error!.Error);
        saga.Fire(Assert.Single(saga.Timers).Key);
        Assert.Equal(2, Assert.Single(saga.LastCommands<RunAction>()).Attempt);
    }

    [Fact]
    public void Each_heartbeat_moves_the_deadline_and_the_old_deadline_is_disarmed()
    {
        var saga = new SagaDriver(Beating(TimeSpan.FromSeconds(30)));
        saga.Start();
        var first = Assert.Single(saga.Timers).Key;

        saga.Now = SagaDriver.T0.AddSeconds(20);
        var beat = saga.Send(new StepHeartbeat("charge", 1));

        Assert.Contains(new DisarmTimer(first), beat.Commands);
        var moved = Assert.Single(saga.Timers);
        Assert.Equal(SagaDriver.T0.AddSeconds(50), moved.Value);
        Assert.NotEqual(first, moved.Key);
        // A firing of the disarmed deadline is stale.
        Assert.Same(SagaDecision.None, saga.Send(new TimerFired(first)));
        Assert.Equal(StepStatus.Running, saga.State.Node("charge").Status);
    }

    [Fact]
    public void The_attempt_timeout_still_applies_when_it_comes_before_the_next_heartbeat_deadline()
    {
        var saga = new SagaDriver(Beating(TimeSpan.FromSeconds(30), timeout: TimeSpan.FromSeconds(40)));
        saga.Start();
        saga.Now = SagaDriver.T0.AddSeconds(25);
        saga.Send(new StepHeartbeat("charge", 1));

        var deadline = Assert.Single(saga.Timers);
        Assert.Equal(SagaDriver.T0.AddSeconds(40), deadline.Value);
        saga.Now = deadline.Value;
        saga.Fire(deadline.Key);
        Assert.Equal(SagaErrors.Timeout, saga.State.Node("charge").Error!.Error);
    }

    [Fact]
    public void Heartbeats_of_other_attempts_or_of_steps_without_a_heartbeat_decide_nothing()
    {
        var saga = new SagaDriver(Beating(TimeSpan.FromSeconds(30)));
        saga.Start();
        Assert.Same(SagaDecision.None, saga.Send(new StepHeartbeat("charge", 2)));
        Assert.Same(SagaDecision.None, saga.Send(new StepHeartbeat("unknown", 1)));

        var plain = new SagaDriver(Graphs.Linear("a"));
        plain.Start();
        Assert.Same(SagaDecision.None, plain.Send(new StepHeartbeat("a", 1)));
    }

    [Fact]
    public void Heartbeat_and_wait_for_task_token_are_refused_where_they_do_not_apply()
    {
        var error = Assert.Throws<SagaDefinitionException>(() => new SagaBuilder("bad")
            .Delay("wait", TimeSpan.FromSeconds(1), n => n.Heartbeat(TimeSpan.FromSeconds(1)))
            .Activity("charge", "charge-card", n => n.WaitForTaskToken())
            .Activity("pay", "bad name!")
            .Step<NoopStep>("beat", n => n.Heartbeat(TimeSpan.Zero))
            .Build());

        Assert.Contains(error.Problems, p => p.Node == "wait" && p.Message.Contains("Heartbeat", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Node == "charge" && p.Message.Contains("WaitForTaskToken", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Node == "pay" && p.Message.Contains("activity name", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Node == "beat" && p.Message.Contains("heartbeat interval", StringComparison.Ordinal));
    }
}
