using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Tests.Conformance;

namespace OrleansSagas.StatesLanguage.Tests.Execution;

public sealed class ReplayAndSerializationTests
{
    /// <summary>Exercises timers, tasks, retries, Parallel, Map, variables and UUIDs in one execution.</summary>
    private const string Busy = """
        {"StartAt":"Init","States":{
          "Init":{"Type":"Pass","Parameters":{"id.$":"States.UUID()","items":[1,2,3]},"Assign":{"runs":0},"Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":5,"Next":"Fan"},
          "Fan":{"Type":"Parallel","ResultPath":"$.fan","Next":"Each","Branches":[
            {"StartAt":"Flaky","States":{"Flaky":{"Type":"Task","Resource":"handler:flaky","End":true,
               "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":3,"MaxAttempts":2}]}}},
            {"StartAt":"Short","States":{"Short":{"Type":"Wait","Seconds":1,"End":true}}}]},
          "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ResultPath":"$.each","End":true,
            "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"handler:work","End":true}}}}}}
        """;

    private static FakeTimeDriver RunBusy(out AslExecutionState final, List<AslExecutionState>? statesAfterEachDecision = null)
    {
        var flakyCalls = 0;
        var driver = new FakeTimeDriver(Machines.Parse(Busy), task => task.Resource switch
        {
            "handler:flaky" when ++flakyCalls == 1 => new AslTaskFailed(task.TaskId, "Flaky", "first try"),
            _ => new AslTaskSucceeded(task.TaskId, JsonNode.Parse($"{{\"attempt\":{task.Attempt}}}")),
        });
        final = driver.Run(Machines.Start());
        return driver;
    }

    [Fact]
    public void Replaying_every_prefix_of_the_history_rebuilds_the_state_step_by_step()
    {
        var driver = RunBusy(out var final);
        Assert.Equal(AslExecutionStatus.Succeeded, final.Status);
        var interpreter = driver.Interpreter;

        var folded = AslExecutionState.Empty;
        for (var i = 0; i < driver.History.Count; i++)
        {
            folded = interpreter.Apply(folded, driver.History[i]);
            var replayed = interpreter.Replay(driver.History.Take(i + 1));
            Assert.Equal(folded.ToJson(), replayed.ToJson());
            Assert.Equal(driver.History[i].Id, replayed.LastEventId);
        }

        Assert.Equal(final.ToJson(), folded.ToJson());
    }

    [Fact]
    public void Deciding_from_a_replayed_prefix_gives_the_same_events_as_the_original_run()
    {
        var driver = RunBusy(out _);
        var interpreter = driver.Interpreter;
        var history = driver.History;

        // Cut the history right after the Wait state armed its timer, rebuild from the log, and continue.
        var cut = history.FindIndex(e => e is StateEnteredEvent { TimerId: not null }) + 1;
        var rebuilt = interpreter.Replay(history.Take(cut));
        var timerId = ((StateEnteredEvent)history[cut - 1]).TimerId!;
        var continued = interpreter.Decide(rebuilt, new AslTimerFired(timerId), Machines.T0.AddSeconds(5));

        var original = history.Skip(cut).Take(continued.Events.Count).Select(e => JsonSerializer.Serialize(e));
        Assert.Equal(original, continued.Events.Select(e => JsonSerializer.Serialize(e)));
    }

    [Fact]
    public void Two_runs_with_the_same_inputs_produce_identical_histories_including_uuids()
    {
        var first = RunBusy(out var a);
        var second = RunBusy(out var b);

        Assert.Equal(first.History.Select(e => JsonSerializer.Serialize(e)), second.History.Select(e => JsonSerializer.Serialize(e)));
        Assert.Equal(a.ToJson(), b.ToJson());
    }

    [Fact]
    public void History_events_round_trip_through_json_with_a_type_discriminator()
    {
        var driver = RunBusy(out _);

        var json = JsonSerializer.Serialize(driver.History);
        var back = JsonSerializer.Deserialize<List<AslHistoryEvent>>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(driver.History.Select(e => e.GetType()), back.Select(e => e.GetType()));
        var first = JsonNode.Parse(json)!.AsArray()[0]!.AsObject();
        Assert.Equal("type", first.First().Key);
        Assert.Equal("ExecutionStarted", (string?)first["type"]);
        Assert.Contains(back, e => e.Type == "MapIterationStarted");
        Assert.Contains(back, e => e.Type == "ParallelStateStarted");
    }

    [Fact]
    public void A_snapshot_mid_execution_continues_like_the_live_state()
    {
        var interpreter = new AslInterpreter(Machines.Parse(Busy));
        var started = interpreter.Start(Machines.Start());
        var timer = started.State.PendingTimers.Single();

        var snapshot = AslExecutionState.FromJson(started.State.ToJson());
        var live = interpreter.Decide(started.State, new AslTimerFired(timer.Key), timer.Value);
        var restored = interpreter.Decide(snapshot, new AslTimerFired(timer.Key), timer.Value);

        Assert.Equal(live.State.ToJson(), restored.State.ToJson());
        Assert.Equal(live.Effects.Select(e => e.ToString()), restored.Effects.Select(e => e.ToString()));
    }

    [Fact]
    public void Decide_never_changes_the_state_it_is_given()
    {
        var interpreter = new AslInterpreter(Machines.Parse(Busy));
        var started = interpreter.Start(Machines.Start());
        var before = started.State.ToJson();

        interpreter.Decide(started.State, new AslTimerFired(started.State.PendingTimers.Single().Key), Machines.T0.AddSeconds(5));

        Assert.Equal(before, started.State.ToJson());
    }
}
