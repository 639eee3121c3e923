using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Parsing;
using OrleansSagas.StatesLanguage.Tests.Conformance;

namespace OrleansSagas.StatesLanguage.Tests.Execution;

/// <summary>Small helpers to run definitions in tests.</summary>
internal static class Machines
{
    public static readonly DateTimeOffset T0 = FakeTimeDriver.StartTime;

    public static StateMachineDefinition Parse(string json) => StateMachineParser.Parse(json);

    public static AslStartExecution Start(string input = "{}") => FakeTimeDriver.StartMessage(JsonNode.Parse(input));

    public static (AslExecutionState State, FakeTimeDriver Driver) Run(string definition, string input, Func<AslInvokeTask, AslMessage> tasks, AslInterpreterOptions? options = null)
    {
        var driver = new FakeTimeDriver(Parse(definition), tasks, options);
        var state = driver.Run(Start(input));
        return (state, driver);
    }

    public static AslMessage Succeed(AslInvokeTask task, string output) => new AslTaskSucceeded(task.TaskId, JsonNode.Parse(output));

    public static IReadOnlyList<string> EventTypes(FakeTimeDriver driver) => driver.History.Select(e => e.Type).ToList();
}
