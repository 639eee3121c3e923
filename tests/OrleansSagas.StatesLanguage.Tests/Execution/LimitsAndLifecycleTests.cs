using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Tests.Execution;

public sealed class LimitsAndLifecycleTests
{
    private const string Echo = """{"StartAt":"Echo","States":{"Echo":{"Type":"Task","Resource":"handler:echo","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]},"Caught":{"Type":"Succeed"}}}""";

    [Fact]
    public void Results_over_256_KiB_fail_with_DataLimitExceeded_which_States_ALL_does_not_catch()
    {
        var big = new string('x', (256 * 1024) + 1);
        var (state, _) = Machines.Run(Echo, "{}", t => new AslTaskSucceeded(t.TaskId, JsonValue.Create(big)));

        Assert.Equal(AslExecutionStatus.Failed, state.Status);
        Assert.Equal(AslErrorNames.DataLimitExceeded, state.Error);
        Assert.Equal("The state/task 'Echo' returned a result with a size exceeding the maximum number of bytes service limit.", state.Cause);
    }

    [Fact]
    public void The_limit_is_inclusive_and_configurable()
    {
        var options = new AslInterpreterOptions { PayloadSizeLimitBytes = 12 };
        const string pass = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

        Assert.Equal(AslExecutionStatus.Succeeded, Machines.Run(pass, "\"1234567890\"", Conformance.FakeTimeDriver.FailUnexpectedTask, options).State.Status);
        var tooBig = Machines.Run(pass, "\"12345678901\"", Conformance.FakeTimeDriver.FailUnexpectedTask, options).State;
        Assert.Equal(AslErrorNames.DataLimitExceeded, tooBig.Error);
        Assert.Equal(AslInterpreterOptions.DefaultPayloadSizeLimitBytes, new AslInterpreterOptions().PayloadSizeLimitBytes);
    }

    [Fact]
    public void The_machine_timeout_ends_the_execution_and_cancels_its_work()
    {
        const string definition = """{"TimeoutSeconds":60,"StartAt":"T","States":{"T":{"Type":"Task","Resource":"handler:never","End":true}}}""";
        var interpreter = new AslInterpreter(Machines.Parse(definition));
        var started = interpreter.Start(Machines.Start());
        var timeout = started.Effects.OfType<AslStartTimer>().Single(t => t.DueAt == Machines.T0.AddSeconds(60));
        var task = Assert.Single(started.Effects.OfType<AslInvokeTask>());

        var ended = interpreter.Decide(started.State, new AslTimerFired(timeout.TimerId), timeout.DueAt);

        Assert.Equal(AslExecutionStatus.TimedOut, ended.State.Status);
        Assert.Equal(AslErrorNames.Timeout, ended.State.Error);
        Assert.Equal("ExecutionTimedOut", Assert.Single(ended.Events).Type);
        Assert.Contains(new AslCancelTask(task.TaskId), ended.Effects);
        Assert.Equal(AslExecutionStatus.TimedOut, ended.Effects.OfType<AslExecutionCompleted>().Single().Status);
    }

    [Fact]
    public void Stop_aborts_cancels_everything_and_later_messages_are_ignored()
    {
        const string definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}""";
        var interpreter = new AslInterpreter(Machines.Parse(definition));
        var started = interpreter.Start(Machines.Start());
        var wait = Assert.Single(started.Effects.OfType<AslStartTimer>());
        Assert.Equal(Machines.T0.AddSeconds(100), wait.DueAt);

        var stopped = interpreter.Decide(started.State, new AslStopExecution("User.Cancelled", "changed my mind"), Machines.T0.AddSeconds(1));

        Assert.Equal(AslExecutionStatus.Aborted, stopped.State.Status);
        Assert.Equal("User.Cancelled", stopped.State.Error);
        Assert.Contains(new AslCancelTimer(wait.TimerId), stopped.Effects);
        Assert.Empty(interpreter.Decide(stopped.State, new AslTimerFired(wait.TimerId), wait.DueAt).Events);
    }

    [Fact]
    public void Wait_states_arm_a_timer_and_continue_when_it_fires()
    {
        const string definition = """
            {"StartAt":"Until","States":{
              "Until":{"Type":"Wait","TimestampPath":"$.at","Next":"Zero"},
              "Zero":{"Type":"Wait","Seconds":0,"End":true}}}
            """;
        var interpreter = new AslInterpreter(Machines.Parse(definition));
        var started = interpreter.Start(Machines.Start("""{"at":"2026-01-02T04:00:00Z"}"""));
        var timer = Assert.Single(started.Effects.OfType<AslStartTimer>());
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture), timer.DueAt);

        var fired = interpreter.Decide(started.State, new AslTimerFired(timer.TimerId), timer.DueAt);

        Assert.Equal(["WaitStateExited", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"], fired.Events.Select(e => e.Type));
        Assert.Equal("""{"at":"2026-01-02T04:00:00Z"}""", JsonNodes.ToJson(fired.State.Output));
    }

    [Fact]
    public void Failures_quote_the_entered_event_id_like_step_functions()
    {
        const string definition = """
            {"StartAt":"First","States":{"First":{"Type":"Pass","Next":"Broken"},
              "Broken":{"Type":"Pass","InputPath":"$.nothing","End":true}}}
            """;
        var (state, _) = Machines.Run(definition, "{}", Conformance.FakeTimeDriver.FailUnexpectedTask);

        Assert.Equal(
            "An error occurred while executing the state 'Broken' (entered at the event id #4). Invalid path '$.nothing' : No results for path: $['nothing']",
            state.Cause);
    }
}
