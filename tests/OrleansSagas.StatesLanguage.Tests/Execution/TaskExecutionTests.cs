using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Tests.Execution;

public sealed class TaskExecutionTests
{
    private const string Charge = """
        {"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"handler:charge-card",
          "InputPath":"$.order","Parameters":{"amount.$":"$.total","currency":"EUR"},
          "ResultSelector":{"receipt.$":"$.id"},"ResultPath":"$.payment","OutputPath":"$.payment","End":true}}}
        """;

    [Fact]
    public void A_task_is_asked_of_the_host_and_its_result_flows_through_the_data_path()
    {
        var interpreter = new AslInterpreter(Machines.Parse(Charge));
        var started = interpreter.Start(Machines.Start("""{"order":{"total":12.5}}"""));

        var invoke = Assert.IsType<AslInvokeTask>(Assert.Single(started.Effects));
        Assert.Equal("handler:charge-card", invoke.Resource);
        Assert.Equal("Charge", invoke.StateName);
        Assert.Equal(1, invoke.Attempt);
        Assert.True(JsonNodes.DeepEquals(JsonNode.Parse("""{"amount":12.5,"currency":"EUR"}"""), invoke.Parameters));
        Assert.Equal(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted"], started.Events.Select(e => e.Type));
        Assert.Equal([1L, 2, 3, 4], started.Events.Select(e => e.Id));
        Assert.Equal([0L, 1, 2, 3], started.Events.Select(e => e.PreviousEventId));
        Assert.Equal(AslExecutionStatus.Running, started.State.Status);
        Assert.Equal([invoke.TaskId], started.State.PendingTaskIds);

        var done = interpreter.Decide(started.State, new AslTaskSucceeded(invoke.TaskId, JsonNode.Parse("""{"id":"r-1"}""")), Machines.T0.AddSeconds(1));

        Assert.Equal(["TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"], done.Events.Select(e => e.Type));
        Assert.Equal([5L, 6, 7], done.Events.Select(e => e.Id));
        Assert.Equal(AslExecutionStatus.Succeeded, done.State.Status);
        Assert.Equal("""{"receipt":"r-1"}""", JsonNodes.ToJson(done.State.Output));
        var completed = Assert.IsType<AslExecutionCompleted>(Assert.Single(done.Effects));
        Assert.Equal(AslExecutionStatus.Succeeded, completed.Status);
    }

    [Fact]
    public void Messages_that_no_longer_apply_are_ignored()
    {
        var interpreter = new AslInterpreter(Machines.Parse(Charge));
        var started = interpreter.Start(Machines.Start("""{"order":{"total":1}}"""));

        var unknown = interpreter.Decide(started.State, new AslTaskSucceeded("task-999", null), Machines.T0);
        var staleTimer = interpreter.Decide(started.State, new AslTimerFired("nope"), Machines.T0);

        Assert.Empty(unknown.Events);
        Assert.Empty(staleTimer.Events);
        Assert.Equal(started.State.ToJson(), unknown.State.ToJson());
    }

    [Fact]
    public void Wait_for_task_token_puts_the_token_in_the_effect_and_the_context_object()
    {
        const string definition = """
            {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
            """;
        var started = new AslInterpreter(Machines.Parse(definition)).Start(Machines.Start());

        var invoke = Assert.IsType<AslInvokeTask>(Assert.Single(started.Effects));
        Assert.False(string.IsNullOrEmpty(invoke.TaskToken));
        Assert.Equal(invoke.TaskToken, (string?)invoke.Parameters!["token"]);
        Assert.Equal("arn:aws:states:::lambda:invoke.waitForTaskToken", invoke.Resource);
    }

    [Fact]
    public void A_failed_task_goes_to_the_matching_catcher_with_the_error_as_result()
    {
        const string definition = """
            {"StartAt":"Charge","States":{
              "Charge":{"Type":"Task","Resource":"handler:charge","Catch":[
                 {"ErrorEquals":["Other"],"Next":"Wrong"},
                 {"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.error","Next":"Refund"}],"End":true},
              "Wrong":{"Type":"Fail"},
              "Refund":{"Type":"Pass","End":true}}}
            """;
        var (state, driver) = Machines.Run(definition, """{"id":1}""", t => new AslTaskFailed(t.TaskId, "Card.Declined", "insufficient funds"));

        Assert.Equal(AslExecutionStatus.Succeeded, state.Status);
        Assert.Equal("""{"id":1,"error":{"Error":"Card.Declined","Cause":"insufficient funds"}}""", JsonNodes.ToJson(state.Output));
        Assert.Contains("PassStateEntered", Machines.EventTypes(driver));
    }

    [Fact]
    public void A_task_timeout_cancels_the_task_and_raises_States_Timeout_which_TaskFailed_does_not_match()
    {
        const string definition = """
            {"StartAt":"Slow","States":{
              "Slow":{"Type":"Task","Resource":"activity:slow","TimeoutSeconds":30,"Catch":[
                 {"ErrorEquals":["States.TaskFailed"],"Next":"Wrong"},
                 {"ErrorEquals":["States.Timeout"],"Next":"TimedOut"}],"End":true},
              "Wrong":{"Type":"Fail","Error":"wrong"},
              "TimedOut":{"Type":"Succeed"}}}
            """;
        var interpreter = new AslInterpreter(Machines.Parse(definition));
        var started = interpreter.Start(Machines.Start());
        var timer = Assert.Single(started.Effects.OfType<AslStartTimer>());
        Assert.Equal(Machines.T0.AddSeconds(30), timer.DueAt);
        var task = Assert.Single(started.Effects.OfType<AslInvokeTask>());

        var fired = interpreter.Decide(started.State, new AslTimerFired(timer.TimerId), timer.DueAt);

        Assert.Contains(new AslCancelTask(task.TaskId), fired.Effects);
        Assert.Contains("TaskTimedOut", fired.Events.Select(e => e.Type));
        Assert.Equal(AslExecutionStatus.Succeeded, fired.State.Status);
        var late = interpreter.Decide(fired.State, new AslTaskSucceeded(task.TaskId, null), timer.DueAt);
        Assert.Empty(late.Events);
    }

    [Fact]
    public void Heartbeats_restart_the_heartbeat_timer_and_silence_fails_with_HeartbeatTimeout()
    {
        const string definition = """
            {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"activity:work","HeartbeatSeconds":10,"End":true}}}
            """;
        var interpreter = new AslInterpreter(Machines.Parse(definition));
        var started = interpreter.Start(Machines.Start());
        var task = Assert.Single(started.Effects.OfType<AslInvokeTask>());
        var first = Assert.Single(started.Effects.OfType<AslStartTimer>());

        var beat = interpreter.Decide(started.State, new AslTaskHeartbeat(task.TaskId), Machines.T0.AddSeconds(8));
        var second = Assert.Single(beat.Effects.OfType<AslStartTimer>());
        Assert.Contains(new AslCancelTimer(first.TimerId), beat.Effects);
        Assert.Equal(Machines.T0.AddSeconds(18), second.DueAt);
        Assert.Empty(interpreter.Decide(beat.State, new AslTimerFired(first.TimerId), first.DueAt).Events);

        var silent = interpreter.Decide(beat.State, new AslTimerFired(second.TimerId), second.DueAt);
        Assert.Equal(AslExecutionStatus.Failed, silent.State.Status);
        Assert.Equal(AslErrorNames.HeartbeatTimeout, silent.State.Error);
    }

    [Fact]
    public void A_runtime_error_in_the_result_is_not_caught_by_States_ALL()
    {
        const string definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"handler:t","ResultSelector":{"x.$":"$.missing"},
                   "Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
              "Caught":{"Type":"Succeed"}}}
            """;
        var (state, driver) = Machines.Run(definition, "{}", t => Machines.Succeed(t, "{}"));

        Assert.Equal(AslExecutionStatus.Failed, state.Status);
        Assert.Equal(AslErrorNames.Runtime, state.Error);
        Assert.Single(driver.Effects.OfType<AslInvokeTask>());
    }
}
