using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Tests.Execution;

public sealed class RetryTests
{
    private static string Machine(string retry, string catchJson = """[{"ErrorEquals":["Never"],"Next":"Handled"}]""") => """
        {"StartAt":"Call","States":{
          "Call":{"Type":"Task","Resource":"handler:call","Parameters":{"attempt.$":"$$.State.RetryCount"},
                  "Retry":RETRY,"Catch":CATCH,"End":true},
          "Handled":{"Type":"Pass","Result":"handled","End":true}}}
        """.Replace("RETRY", retry, StringComparison.Ordinal).Replace("CATCH", catchJson, StringComparison.Ordinal);

    /// <summary>Delays between a failure and the next invocation, read from the retry timers on fake time.</summary>
    private static List<double> RetryDelays(FakeTimeDriverRun run) =>
        run.Driver.History.OfType<TaskProgressEvent>().Where(e => e.RetryDueAt is not null)
            .Select(e => (e.RetryDueAt!.Value - e.Timestamp).TotalSeconds).ToList();

    private static FakeTimeDriverRun RunFailing(string definition, string error = "Boom", string executionSuffix = "")
    {
        var invocations = new List<AslInvokeTask>();
        var driver = new Conformance.FakeTimeDriver(Machines.Parse(definition), t =>
        {
            invocations.Add(t);
            return new AslTaskFailed(t.TaskId, error, "it broke");
        });
        var start = Machines.Start() with { ExecutionId = "exec-retry" + executionSuffix };
        var state = driver.Run(start);
        return new FakeTimeDriverRun(state, driver, invocations);
    }

    [Fact]
    public void Backoff_is_interval_times_rate_to_the_attempt_capped_by_max_delay()
    {
        var run = RunFailing(Machine("""[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":3,"MaxDelaySeconds":10,"MaxAttempts":4}]"""));

        Assert.Equal([2.0, 6.0, 10.0, 10.0], RetryDelays(run));
        Assert.Equal(5, run.Invocations.Count);
        Assert.Equal([1, 2, 3, 4, 5], run.Invocations.Select(i => i.Attempt));
        Assert.Equal([0, 1, 2, 3, 4], run.Invocations.Select(i => (int)i.Parameters!["attempt"]!));
        Assert.Equal(Machines.T0.AddSeconds(28), run.Driver.Now);
        Assert.Equal(AslExecutionStatus.Failed, run.State.Status);
        Assert.Equal("Boom", run.State.Error);
        Assert.Equal("it broke", run.State.Cause);
    }

    [Fact]
    public void Defaults_are_one_second_rate_two_three_attempts() =>
        Assert.Equal([1.0, 2.0, 4.0], RetryDelays(RunFailing(Machine("""[{"ErrorEquals":["States.ALL"]}]"""))));

    [Fact]
    public void MaxAttempts_zero_never_retries()
    {
        var run = RunFailing(Machine("""[{"ErrorEquals":["Boom"],"MaxAttempts":0}]""", """[{"ErrorEquals":["Boom"],"Next":"Handled"}]"""));

        Assert.Single(run.Invocations);
        Assert.Equal(AslExecutionStatus.Succeeded, run.State.Status);
        Assert.Equal("\"handled\"", JsonNodes.ToJson(run.State.Output));
    }

    [Fact]
    public void The_first_matching_retrier_decides_even_when_it_is_exhausted()
    {
        var run = RunFailing(Machine("""[{"ErrorEquals":["Boom"],"MaxAttempts":1},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}]"""));

        Assert.Equal(2, run.Invocations.Count);
    }

    [Fact]
    public void TaskFailed_matches_task_errors_but_not_timeouts()
    {
        Assert.Equal(3, RunFailing(Machine("""[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2}]""")).Invocations.Count);
        Assert.Single(RunFailing(Machine("""[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2}]"""), AslErrorNames.Timeout).Invocations);
    }

    [Fact]
    public void Full_jitter_is_deterministic_per_execution_and_below_the_backoff()
    {
        const string retry = """[{"ErrorEquals":["Boom"],"IntervalSeconds":4,"BackoffRate":2,"MaxAttempts":3,"JitterStrategy":"FULL"}]""";
        var first = RetryDelays(RunFailing(Machine(retry)));
        var again = RetryDelays(RunFailing(Machine(retry)));
        var other = RetryDelays(RunFailing(Machine(retry), executionSuffix: "-2"));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first.Zip([4.0, 8.0, 16.0]), pair => Assert.InRange(pair.First, 0, pair.Second));
    }

    [Fact]
    public void Retry_delay_formula()
    {
        var retrier = new RetrierDefinition { ErrorEquals = ["E"], IntervalSeconds = 3, BackoffRate = 1.5, MaxDelaySeconds = 5 };

        Assert.Equal(TimeSpan.FromSeconds(3), RetryDelay.Compute(retrier, 1, "s"));
        Assert.Equal(TimeSpan.FromSeconds(4.5), RetryDelay.Compute(retrier, 2, "s"));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryDelay.Compute(retrier, 3, "s"));
    }

    [Theory]
    [InlineData("States.ALL", "Anything", true)]
    [InlineData("States.ALL", AslErrorNames.Runtime, false)]
    [InlineData("States.ALL", AslErrorNames.DataLimitExceeded, false)]
    [InlineData(AslErrorNames.DataLimitExceeded, AslErrorNames.DataLimitExceeded, true)]
    [InlineData(AslErrorNames.Runtime, AslErrorNames.Runtime, false)]
    [InlineData("States.TaskFailed", "Lambda.Unknown", true)]
    [InlineData("States.TaskFailed", AslErrorNames.Timeout, false)]
    [InlineData("States.Timeout", AslErrorNames.Timeout, true)]
    [InlineData("Custom", "custom", false)]
    public void Error_matching_rules(string errorEquals, string error, bool matches) =>
        Assert.Equal(matches, ErrorMatcher.Matches([errorEquals], error));

    private sealed record FakeTimeDriverRun(AslExecutionState State, Conformance.FakeTimeDriver Driver, List<AslInvokeTask> Invocations);
}
