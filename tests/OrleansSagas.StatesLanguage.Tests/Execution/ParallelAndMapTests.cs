using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Tests.Execution;

public sealed class ParallelAndMapTests
{
    [Fact]
    public void Parallel_branches_run_together_and_results_keep_branch_order()
    {
        const string definition = """
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"handler:a","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"handler:b","End":true}}}]}}}
            """;
        var interpreter = new AslInterpreter(Machines.Parse(definition));
        var started = interpreter.Start(Machines.Start());
        var tasks = started.Effects.OfType<AslInvokeTask>().ToList();
        Assert.Equal(["handler:a", "handler:b"], tasks.Select(t => t.Resource));

        var afterB = interpreter.Decide(started.State, new AslTaskSucceeded(tasks[1].TaskId, JsonValue.Create("b")), Machines.T0);
        Assert.Equal(AslExecutionStatus.Running, afterB.State.Status);
        var afterA = interpreter.Decide(afterB.State, new AslTaskSucceeded(tasks[0].TaskId, JsonValue.Create("a")), Machines.T0);

        Assert.Equal(AslExecutionStatus.Succeeded, afterA.State.Status);
        Assert.Equal("""["a","b"]""", JsonNodes.ToJson(afterA.State.Output));
        Assert.Contains("ParallelStateSucceeded", afterA.Events.Select(e => e.Type));
    }

    [Fact]
    public void A_failing_branch_cancels_the_others_and_the_Parallel_state_can_catch_it()
    {
        const string definition = """
            {"StartAt":"Both","States":{
              "Both":{"Type":"Parallel","Next":"Done","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"Branches":[
                {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"handler:slow","End":true}}},
                {"StartAt":"Broken","States":{"Broken":{"Type":"Fail","Error":"Oops","Cause":"bad"}}}]},
              "Done":{"Type":"Succeed"},
              "Recover":{"Type":"Pass","End":true}}}
            """;
        var started = new AslInterpreter(Machines.Parse(definition)).Start(Machines.Start());

        var slow = Assert.Single(started.Effects.OfType<AslInvokeTask>());
        Assert.Contains(new AslCancelTask(slow.TaskId), started.Effects);
        Assert.Contains("ParallelStateFailed", started.Events.Select(e => e.Type));
        Assert.Equal(AslExecutionStatus.Succeeded, started.State.Status);
        Assert.Equal("""{"Error":"Oops","Cause":"bad"}""", JsonNodes.ToJson(started.State.Output));
        Assert.Empty(started.State.PendingTaskIds);
    }

    [Fact]
    public void Map_honours_MaxConcurrency_and_keeps_item_order()
    {
        const string definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","MaxConcurrency":2,"ItemsPath":"$.items",
              "ItemSelector":{"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index","tag.$":"$.tag"},
              "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"handler:work","End":true}}},"End":true}}}
            """;
        var interpreter = new AslInterpreter(Machines.Parse(definition));
        var decision = interpreter.Start(Machines.Start("""{"items":[10,20,30,40,50],"tag":"t"}"""));
        var outstanding = new List<AslInvokeTask>(decision.Effects.OfType<AslInvokeTask>());
        var maxOutstanding = outstanding.Count;
        while (outstanding.Count > 0)
        {
            // Complete the most recent task first so completions arrive out of item order.
            var task = outstanding[^1];
            outstanding.RemoveAt(outstanding.Count - 1);
            var value = (int)task.Parameters!["value"]!;
            Assert.Equal("t", (string?)task.Parameters!["tag"]);
            Assert.Equal(value / 10 - 1, (int)task.Parameters!["index"]!);
            decision = interpreter.Decide(decision.State, new AslTaskSucceeded(task.TaskId, JsonValue.Create(value * 2)), Machines.T0);
            outstanding.AddRange(decision.Effects.OfType<AslInvokeTask>());
            maxOutstanding = Math.Max(maxOutstanding, outstanding.Count);
        }

        Assert.Equal(2, maxOutstanding);
        Assert.Equal(AslExecutionStatus.Succeeded, decision.State.Status);
        Assert.Equal("[20,40,60,80,100]", JsonNodes.ToJson(decision.State.Output));
    }

    [Theory]
    [InlineData(1, AslExecutionStatus.Succeeded, null)]
    [InlineData(0, AslExecutionStatus.Failed, AslErrorNames.ExceedToleratedFailureThreshold)]
    public void Map_tolerates_failures_up_to_the_threshold(int tolerated, AslExecutionStatus status, string? error)
    {
        var definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ToleratedFailureCount":TOLERATED,
              "ItemProcessor":{"StartAt":"Check","States":{
                "Check":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Bad"}],"Default":"Good"},
                "Bad":{"Type":"Fail","Error":"Item.Bad","Cause":"two"},
                "Good":{"Type":"Pass","End":true}}},"End":true}}}
            """.Replace("TOLERATED", tolerated.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var (state, _) = Machines.Run(definition, "[1,2,3]", Conformance.FakeTimeDriver.FailUnexpectedTask);

        Assert.Equal(status, state.Status);
        Assert.Equal(error, state.Error);
        if (status == AslExecutionStatus.Succeeded)
        {
            Assert.Equal("""[1,{"Error":"Item.Bad","Cause":"two"},3]""", JsonNodes.ToJson(state.Output));
        }
    }

    [Fact]
    public void Iterations_read_outer_variables_but_their_own_assignments_stay_inside()
    {
        const string definition = """
            {"StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"factor":3,"seen":"outer"},"Next":"Each"},
              "Each":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"Scale","States":{
                 "Scale":{"Type":"Pass","Assign":{"seen":"inner"},"Parameters":{"v.$":"States.MathAdd($, $factor)"},"End":true}}},
                 "ResultPath":"$.scaled","Next":"Report"},
              "Report":{"Type":"Pass","Parameters":{"scaled.$":"$.scaled","seen.$":"$seen"},"End":true}}}
            """;
        var (state, _) = Machines.Run(definition, """{"items":[1,2]}""", Conformance.FakeTimeDriver.FailUnexpectedTask);

        Assert.True(state.Status == AslExecutionStatus.Succeeded, $"{state.Error}: {state.Cause}");
        Assert.Equal("""{"scaled":[{"v":4},{"v":5}],"seen":"outer"}""", JsonNodes.ToJson(state.Output));
    }

    [Fact]
    public void A_Map_over_a_non_array_fails_with_States_Runtime()
    {
        const string definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        var (state, _) = Machines.Run(definition, """{"items":{"a":1}}""", Conformance.FakeTimeDriver.FailUnexpectedTask);

        Assert.Equal(AslErrorNames.Runtime, state.Error);
        Assert.StartsWith("An error occurred while executing the state 'Each' (entered at the event id #2).", state.Cause, StringComparison.Ordinal);
    }
}
