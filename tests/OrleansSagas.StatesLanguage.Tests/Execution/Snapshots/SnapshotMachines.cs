using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.StatesLanguage.Tests.Execution.Snapshots;

/// <summary>State machines whose runs reach every part of the execution state: Map, Parallel, Retry, Catch, Wait, timeouts, variables.</summary>
internal static class SnapshotMachines
{
    /// <summary>UUIDs, variables, a Wait, a Parallel with a retried Task, a Map with MaxConcurrency.</summary>
    public const string Busy = """
        {"StartAt":"Init","States":{
          "Init":{"Type":"Pass","Parameters":{"id.$":"States.UUID()","items":[1,2,3]},"Assign":{"runs":0},"Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":5,"Next":"Fan"},
          "Fan":{"Type":"Parallel","ResultPath":"$.fan","Next":"Each","Branches":[
            {"StartAt":"Flaky","States":{"Flaky":{"Type":"Task","Resource":"handler:flaky","End":true,
               "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":3,"MaxAttempts":2}]}}},
            {"StartAt":"Short","States":{"Short":{"Type":"Wait","Seconds":1,"End":true}}}]},
          "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ResultPath":"$.each","End":true,
            "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"handler:work","End":true}}}}}}
        """;

    /// <summary>A Map tolerating failures, Tasks with timeouts, heartbeats and jittered retries, a Catch, a Choice, and a Wait until a timestamp the execution times out before.</summary>
    public const string Orders = """
        {"StartAt":"Split","TimeoutSeconds":1500,"States":{
          "Split":{"Type":"Pass","Parameters":{"orders":[{"id":1,"qty":2},{"id":2,"qty":0},{"id":3,"qty":5},{"id":4,"qty":1}]},
            "Assign":{"batch":"b-1","limits":{"max":10}},"Next":"EachOrder"},
          "EachOrder":{"Type":"Map","ItemsPath":"$.orders","MaxConcurrency":3,"ToleratedFailurePercentage":50,"ResultPath":"$.results","Next":"Check",
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Check"}],
            "ItemSelector":{"order.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index","batch.$":"$batch"},
            "ItemProcessor":{"StartAt":"Price","States":{
              "Price":{"Type":"Task","Resource":"handler:price","TimeoutSeconds":30,"HeartbeatSeconds":10,"Next":"Hold",
                "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":2,"MaxDelaySeconds":5,"JitterStrategy":"FULL"}]},
              "Hold":{"Type":"Wait","Seconds":7,"End":true}}}},
          "Check":{"Type":"Choice","Default":"Done","Choices":[{"Variable":"$.error","IsPresent":true,"Next":"Failed"},
            {"Variable":"$.results[0].Attempt","NumericGreaterThan":1,"Next":"Later"}]},
          "Later":{"Type":"Wait","Timestamp":"2026-01-02T03:30:00Z","Next":"Done"},
          "Done":{"Type":"Succeed"},
          "Failed":{"Type":"Fail","Error":"Orders.Failed","Cause":"too many orders failed"}}}
        """;

    /// <summary>A Map inside a retried and caught Parallel, next to a branch that waits and then calls a Task.</summary>
    public const string Nested = """
        {"StartAt":"Both","States":{
          "Both":{"Type":"Parallel","Next":"Done",
            "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":1}],
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.caught","Next":"Done"}],
            "Branches":[
              {"StartAt":"Inner","States":{"Inner":{"Type":"Map","ItemsPath":"$.items","End":true,
                "ItemSelector":{"v.$":"$$.Map.Item.Value"},
                "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"handler:work","End":true}}}}}},
              {"StartAt":"Sleep","States":{"Sleep":{"Type":"Wait","Seconds":3,"Next":"Call"},
                "Call":{"Type":"Task","Resource":"handler:call","End":true}}}]},
          "Done":{"Type":"Succeed"}}}
        """;

    public static readonly (string Name, string Definition, string Input)[] All =
    [
        ("busy", Busy, "{}"),
        ("orders", Orders, """{"customer":"c-1"}"""),
        ("nested", Nested, """{"items":[1,2,3]}"""),
    ];

    public static AslSagaDefinition Definition(string name, string json) => new(name, 1, Machines.Parse(json));
}
