using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Parsing;
using OrleansSagas.StatesLanguage.Tests.Conformance;

namespace OrleansSagas.StatesLanguage.Tests.Execution;

/// <summary>States that use the JSONata query language, run through the interpreter.</summary>
public sealed class JsonataExecutionTests
{
    private static (AslExecutionState State, FakeTimeDriver Driver) Run(string definition, string input, Func<AslInvokeTask, AslMessage>? tasks = null)
    {
        var driver = new FakeTimeDriver(StateMachineParser.Parse(definition, allowJsonata: true), tasks);
        var state = driver.Run(Machines.Start(input));
        Assert.Equal(state.ToJson(), driver.Interpreter.Replay(driver.History).ToJson());
        return (state, driver);
    }

    private static void AssertOutput(string expected, AslExecutionState state)
    {
        Assert.Equal(AslExecutionStatus.Succeeded, state.Status);
        Assert.True(JsonNodes.DeepEquals(JsonNode.Parse(expected), state.Output), JsonNodes.ToJson(state.Output));
    }

    [Fact]
    public void Arguments_result_assign_and_output_flow_through_states_and_variables()
    {
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"count":1},"Next":"Call"},
              "Call":{"Type":"Task","Resource":"handler:times-ten","Arguments":{"n":"{% $count + $states.input.add %}"},
                "Assign":{"count":"{% $states.result.value %}"},
                "Output":{"seen":"{% $count %}","value":"{% $states.result.value %}"},"Next":"After"},
              "After":{"Type":"Pass","Output":"{% [$count, $states.input.seen, $states.input.value] %}","End":true}}}
            """;
        AslInvokeTask? invoked = null;
        var (state, _) = Run(definition, """{"add":2}""", task =>
        {
            invoked = task;
            var n = task.Parameters!["n"]!.GetValue<long>();
            return new AslTaskSucceeded(task.TaskId, new JsonObject { ["value"] = n * 10 });
        });

        Assert.True(JsonNodes.DeepEquals(JsonNode.Parse("""{"n":3}"""), invoked!.Parameters));
        AssertOutput("[30, 1, 30]", state);
    }

    [Fact]
    public void A_catcher_output_and_assign_see_the_error_output()
    {
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"handler:boom","Next":"Done",
                "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done",
                  "Output":"{% $states.errorOutput.Error & ':' & $states.input.id %}","Assign":{"why":"{% $states.errorOutput.Cause %}"}}]},
              "Done":{"Type":"Pass","Output":{"out":"{% $states.input %}","why":"{% $why %}"},"End":true}}}
            """;
        var (state, _) = Run(definition, """{"id":"o-1"}""", task => new AslTaskFailed(task.TaskId, "Boom", "bad card"));

        AssertOutput("""{"out":"Boom:o-1","why":"bad card"}""", state);
    }

    [Fact]
    public void Evaluation_errors_are_query_evaluation_errors_that_a_catcher_can_take()
    {
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"handler:never","Arguments":"{% $error('no arguments') %}","End":true,
                "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Caught"}]},
              "Caught":{"Type":"Succeed"}}}
            """;
        var (state, _) = Run(definition, "{}");

        Assert.Equal(AslExecutionStatus.Succeeded, state.Status);
        Assert.Equal("States.QueryEvaluationError", (string?)state.Output!["Error"]);
        Assert.Equal(
            "An error occurred while executing the state 'Call' (entered at the event id #2). The JSONata expression '$error('no arguments')' "
            + "specified for the field 'Arguments' threw an error during evaluation. D3137: no arguments",
            (string?)state.Output["Cause"]);
    }

    [Fact]
    public void Clock_random_and_uuid_come_from_the_decision_and_are_the_same_on_every_run()
    {
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","End":true,
              "Output":{"now":"{% $now() %}","millis":"{% $millis() %}","uuid":"{% $uuid() %}","random":"{% $random() %}",
                        "seeded":"{% $random(7) = $random(7) %}","shuffled":"{% $shuffle([1,2,3,4,5,6]) %}"}}}}
            """;
        var first = Run(definition, "{}").State;
        var second = Run(definition, "{}").State;

        Assert.Equal(JsonNodes.ToJson(first.Output), JsonNodes.ToJson(second.Output));
        Assert.Equal("2026-01-02T03:04:05.000Z", (string?)first.Output!["now"]);
        Assert.Equal(FakeTimeDriver.StartTime.ToUnixTimeMilliseconds(), first.Output["millis"]!.GetValue<long>());
        Assert.True(Guid.TryParse((string?)first.Output["uuid"], out _));
        Assert.True(first.Output["seeded"]!.GetValue<bool>());
    }

    [Fact]
    public void Step_functions_functions_are_available()
    {
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","End":true,
              "Output":{"partition":"{% $partition([1,2,3,4,5], 2) %}","range":"{% $range(0, 10, 5) %}",
                        "hash":"{% $hash('abc', 'SHA-256') %}","parse":"{% $parse('{\"a\":[1]}') %}"}}}}
            """;
        var (state, _) = Run(definition, "{}");

        AssertOutput("""
            {"partition":[[1,2],[3,4],[5]],"range":[0,5,10],
             "hash":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","parse":{"a":[1]}}
            """, state);
    }

    [Fact]
    public void Expressions_are_parsed_when_the_definition_is_read_not_when_it_runs()
    {
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"a":"{% 1 + 1 %}"},
              "Output":{"x":"{% $a %}","y":"{% 1 + 1 %}"},"End":true}}}
            """;
        var parsed = StateMachineParser.Parse(definition, allowJsonata: true);
        Assert.Equal(2, parsed.Jsonata.Count);

        new FakeTimeDriver(parsed).Run(Machines.Start("{}"));
        new FakeTimeDriver(parsed).Run(Machines.Start("{}"));

        Assert.Equal(2, parsed.Jsonata.Count);
    }

    [Fact]
    public void Eval_is_not_available_in_step_functions()
    {
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $eval('1 + 1') %}","End":true}}}
            """;
        var (state, _) = Run(definition, "{}");

        Assert.Equal(AslExecutionStatus.Failed, state.Status);
        Assert.Equal("States.QueryEvaluationError", state.Error);
        Assert.EndsWith("T1006: Attempted to invoke a non-function", state.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_items_item_selector_and_wait_seconds_are_expressions()
    {
        const string definition = """
            {"QueryLanguage":"JSONata","StartAt":"Wait","States":{
              "Wait":{"Type":"Wait","Seconds":"{% $states.input.delay * 2 %}","Next":"Map"},
              "Map":{"Type":"Map","Items":"{% $states.input.items[$ > 1] %}","MaxConcurrency":"{% 1 %}",
                "ItemSelector":{"value":"{% $states.context.Map.Item.Value %}","index":"{% $states.context.Map.Item.Index %}"},
                "ItemProcessor":{"StartAt":"Double","States":{"Double":{"Type":"Pass","Output":"{% $states.input.value * 2 + $states.input.index %}","End":true}}},
                "Output":"{% $sum($states.result) %}","End":true}}}
            """;
        var (state, driver) = Run(definition, """{"delay":3,"items":[1,2,3]}""");

        AssertOutput("11", state);
        Assert.Equal(FakeTimeDriver.StartTime.AddSeconds(6), driver.Now);
    }
}
