using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine;

public class RetryTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 6)]
    [InlineData(3, 18)]
    [InlineData(4, 54)]
    [InlineData(5, 100)]
    [InlineData(40, 100)]
    public void Delay_is_interval_times_rate_to_the_retry_number_minus_one_capped_by_max_delay(int retry, int expectedSeconds)
    {
        var retrier = new Retrier { Interval = TimeSpan.FromSeconds(2), BackoffRate = 3, MaxDelay = TimeSpan.FromSeconds(100), MaxAttempts = 50 };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryDelays.Compute(retrier, "s", "n", retry + 1, retry));
    }

    [Fact]
    public void An_unbounded_backoff_stays_representable()
    {
        var retrier = new Retrier { Interval = TimeSpan.FromDays(1), BackoffRate = 10, MaxAttempts = 1000 };

        Assert.Equal(RetryDelays.Ceiling, RetryDelays.Compute(retrier, "s", "n", 500, 499));
    }

    [Fact]
    public void Full_jitter_is_within_the_delay_and_the_same_for_the_same_saga_step_and_attempt()
    {
        var retrier = new Retrier { Interval = TimeSpan.FromSeconds(8), BackoffRate = 2, FullJitter = true, MaxAttempts = 10 };
        var plain = retrier with { FullJitter = false };
        var waits = new List<TimeSpan>();
        for (var attempt = 2; attempt < 10; attempt++)
        {
            var wait = RetryDelays.Compute(retrier, "saga-1", "charge", attempt, attempt - 1);
            Assert.Equal(wait, RetryDelays.Compute(retrier, "saga-1", "charge", attempt, attempt - 1));
            Assert.InRange(wait, TimeSpan.Zero, RetryDelays.Compute(plain, "saga-1", "charge", attempt, attempt - 1));
            waits.Add(wait);
        }
        var fractions = Enumerable.Range(0, 200).Select(i => RetryDelays.JitterFraction($"saga-{i}", "charge", 2)).ToList();
        Assert.All(fractions, f => Assert.InRange(f, 0.0, 1.0));
        Assert.True(fractions.Distinct().Count() > 190, "jitter differs between sagas");
        Assert.NotEqual(RetryDelays.JitterFraction("saga-1", "charge", 2), RetryDelays.JitterFraction("saga-2", "charge", 2));
        Assert.NotEqual(RetryDelays.JitterFraction("saga-1", "charge", 2), RetryDelays.JitterFraction("saga-1", "charge", 3));
    }

    [Fact]
    public void A_failed_attempt_with_a_matching_retrier_waits_on_a_durable_timer_then_runs_the_next_attempt()
    {
        var saga = Saga(new Retrier { ErrorEquals = ["Transient"], Interval = TimeSpan.FromSeconds(5), MaxAttempts = 3, BackoffRate = 2 });
        saga.Start();

        var failed = saga.Fail("charge", "Transient");

        Assert.Equal(StepStatus.RetryWaiting, saga.StatusOf("charge"));
        Assert.Equal(new ArmTimer("retry:charge:2", saga.Now.AddSeconds(5)), Assert.Single(failed.Commands.OfType<ArmTimer>()));
        Assert.Empty(failed.Commands.OfType<RunAction>());
        var retried = saga.Fire("retry:charge:2");
        Assert.Equal(2, Assert.Single(retried.Commands.OfType<RunAction>()).Attempt);
        saga.Fail("charge", "Transient");
        Assert.Equal(saga.Now.AddSeconds(10), Assert.Single(saga.LastCommands<ArmTimer>()).DueAt);
        saga.Fire("retry:charge:3");
        saga.Complete("charge");

        Assert.Equal(SagaStatus.Succeeded, saga.State.Status);
        Assert.Equal(3, saga.State.Steps.Single().Attempts);
    }

    [Fact]
    public void The_first_matching_retrier_decides()
    {
        var saga = Saga(
            new Retrier { ErrorEquals = ["Other"], Interval = TimeSpan.FromSeconds(1) },
            new Retrier { ErrorEquals = ["Transient"], Interval = TimeSpan.FromSeconds(7) },
            new Retrier { ErrorEquals = [SagaErrors.All], Interval = TimeSpan.FromSeconds(60) });
        saga.Start();

        saga.Fail("charge", "Transient");

        var retry = Assert.Single(saga.Log.OfType<RetryScheduled>());
        Assert.Equal(1, retry.RetrierIndex);
        Assert.Equal(saga.Now.AddSeconds(7), retry.DueAt);
    }

    [Fact]
    public void An_exhausted_retrier_fails_the_step_even_when_a_later_retrier_matches()
    {
        var saga = Saga(
            new Retrier { ErrorEquals = ["Transient"], Interval = TimeSpan.FromSeconds(1), MaxAttempts = 1 },
            new Retrier { ErrorEquals = [SagaErrors.All], Interval = TimeSpan.FromSeconds(1), MaxAttempts = 5 });
        saga.Start();
        saga.Fail("charge", "Transient");
        saga.Fire("retry:charge:2");

        var second = saga.Fail("charge", "Transient");

        Assert.Empty(second.Commands.OfType<ArmTimer>());
        Assert.Equal(StepStatus.Failed, saga.StatusOf("charge"));
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
    }

    [Fact]
    public void Each_retrier_counts_its_own_retries()
    {
        var saga = Saga(
            new Retrier { ErrorEquals = ["A"], Interval = TimeSpan.FromSeconds(1), MaxAttempts = 1 },
            new Retrier { ErrorEquals = ["B"], Interval = TimeSpan.FromSeconds(1), MaxAttempts = 1 });
        saga.Start();
        saga.Fail("charge", "A");
        saga.Fire("retry:charge:2");
        saga.Fail("charge", "B");
        saga.Fire("retry:charge:3");

        Assert.Equal(3, saga.InFlight("charge"));
        saga.Fail("charge", "A");
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
    }

    [Fact]
    public void States_all_does_not_match_a_cancellation()
    {
        var saga = Saga(new Retrier { ErrorEquals = [SagaErrors.All], MaxAttempts = 5 });
        saga.Start();

        saga.Fail("charge", SagaErrors.Cancelled);

        Assert.Equal(StepStatus.Failed, saga.StatusOf("charge"));
        Assert.Null(RetryDelays.FindRetrier(new RetryPolicy { Retriers = [new Retrier()] }, new SagaError(SagaErrors.Cancelled, "x")));
        Assert.Equal(0, RetryDelays.FindRetrier(new RetryPolicy { Retriers = [new Retrier { ErrorEquals = [SagaErrors.Cancelled] }] }, new SagaError(SagaErrors.Cancelled, "x")));
    }

    [Fact]
    public void An_attempt_timeout_fails_the_attempt_with_states_timeout_cancels_it_and_ignores_its_late_result()
    {
        var graph = new SagaBuilder("timeouts")
            .Step<NoopStep>("charge", n => n.Timeout(TimeSpan.FromSeconds(30)).Retry(new Retrier { ErrorEquals = [SagaErrors.Timeout], Interval = TimeSpan.FromSeconds(1), MaxAttempts = 1 }))
            .Build();
        var saga = new SagaDriver(graph);
        var start = saga.Start();
        Assert.Equal(new ArmTimer("attempt-timeout:charge:1", saga.Now.AddSeconds(30)), Assert.Single(start.Commands.OfType<ArmTimer>()));

        var timedOut = saga.Fire("attempt-timeout:charge:1");

        Assert.Equal(new CancelAction("charge"), Assert.Single(timedOut.Commands.OfType<CancelAction>()));
        Assert.Equal(SagaErrors.Timeout, Assert.Single(saga.Log.OfType<RetryScheduled>()).Error.Error);
        Assert.Same(SagaDecision.None, saga.Send(new StepCompleted("charge", 1, SagaDriver.Json("late"))));
        var second = saga.Fire("retry:charge:2");
        Assert.Equal("attempt-timeout:charge:2", Assert.Single(second.Commands.OfType<ArmTimer>()).TimerId);
        var done = saga.Complete("charge");
        Assert.Equal(new DisarmTimer("attempt-timeout:charge:2"), Assert.Single(done.Commands.OfType<DisarmTimer>()));
        Assert.Equal(SagaStatus.Succeeded, saga.State.Status);
    }

    [Fact]
    public void A_disarmed_or_unknown_timer_decides_nothing()
    {
        var graph = new SagaBuilder("timeouts").Step<NoopStep>("charge", n => n.Timeout(TimeSpan.FromSeconds(30))).Build();
        var saga = new SagaDriver(graph);
        saga.Start();
        saga.Complete("charge");

        Assert.Same(SagaDecision.None, saga.Send(new TimerFired("attempt-timeout:charge:1")));
        Assert.Same(SagaDecision.None, saga.Send(new TimerFired("who-knows")));
    }

    [Fact]
    public void A_pending_retry_of_another_step_is_disarmed_when_the_saga_unwinds_and_that_step_is_not_undone()
    {
        var graph = new SagaBuilder("retry-unwind")
            .Step<NoopStep>("a", n => n.WithUndo<NoopUndo>().Retry(new Retrier { Interval = TimeSpan.FromMinutes(1) }))
            .Step<NoopStep>("b", n => n.WithUndo<NoopUndo>())
            .Build();
        var saga = new SagaDriver(graph);
        saga.Start();
        saga.Fail("a", "Transient");

        var unwind = saga.Fail("b", "Fatal");

        Assert.Equal(new DisarmTimer("retry:a:2"), Assert.Single(unwind.Commands.OfType<DisarmTimer>()));
        Assert.Equal(StepStatus.Failed, saga.StatusOf("a"));
        Assert.Empty(saga.UndoOrder());
        Assert.Equal(SagaStatus.Compensated, saga.State.Status);
        Assert.Same(SagaDecision.None, saga.Send(new TimerFired("retry:a:2")));
    }

    private static SagaDriver Saga(params Retrier[] retriers) =>
        new(new SagaBuilder("retry").Step<NoopStep>("charge", n =>
        {
            foreach (var r in retriers) n.Retry(r);
        }).Build());
}
