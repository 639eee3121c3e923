using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Tests.Conformance;

namespace OrleansSagas.StatesLanguage.Tests.Execution;

/// <summary>Map's …Path fields may name a variable ($name) instead of a path into the input.</summary>
public sealed class MapPathVariableTests
{
    [Fact]
    public void Max_concurrency_and_tolerated_failures_are_read_from_variables()
    {
        const string definition = """
            {"StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"cfg":{"limit":2,"tolerated":1},"pct":50},"Next":"Map"},
              "Map":{"Type":"Map","ItemsPath":"$.items","MaxConcurrencyPath":"$cfg.limit","ToleratedFailureCountPath":"$cfg.tolerated",
                "ToleratedFailurePercentagePath":"$pct",
                "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        var driver = new FakeTimeDriver(Machines.Parse(definition));
        var state = driver.Run(Machines.Start("""{"items":[1,2,3]}"""));

        Assert.Equal(AslExecutionStatus.Succeeded, state.Status);
        Assert.True(JsonNodes.DeepEquals(JsonNode.Parse("[1,2,3]"), state.Output));
        var started = driver.History.OfType<StateLifecycleEvent>().Single(e => e.Type == "MapStateStarted");
        Assert.Equal(2, started.MaxConcurrency);
        Assert.Equal(1, started.ToleratedFailureCount);
        Assert.Equal(50, started.ToleratedFailurePercentage);
    }
}
