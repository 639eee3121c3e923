using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Hosting;
using OrleansSagas.StatesLanguage.Parsing;
using OrleansSagas.StatesLanguage.Tests.Conformance;
using Xunit.Abstractions;

namespace OrleansSagas.StatesLanguage.Tests.Execution.Snapshots;

public sealed class AslRunStateCodecPropertyTests(ITestOutputHelper output)
{
    private const int RunsPerMachine = 15;

    [Fact]
    public void After_every_event_of_random_runs_the_restored_snapshot_continues_exactly_like_the_live_state()
    {
        var random = new Random(20260102);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var snapshots = 0;
        foreach (var (name, json, input) in SnapshotMachines.All)
        {
            var definition = SnapshotMachines.Definition(name, json);
            AslSnapshotProbes.AssertRoundTrips(definition, AslRunState.Empty, [], Machines.T0);
            for (var run = 0; run < RunsPerMachine; run++)
            {
                var driver = new AslRunDriver(definition, random).Run($"{name}-{run}", input);
                for (var i = 0; i < driver.States.Count; i++)
                {
                    // The message the run actually got next, at the time it got it.
                    var next = driver.Received.FirstOrDefault(r => r.Events > i);
                    var at = next.Message is null ? driver.Now : next.At;
                    AslSnapshotProbes.AssertRoundTrips(definition, driver.States[i], next.Message is null ? [] : [next.Message], at);
                    seen.UnionWith(Features(driver.States[i]));
                    snapshots++;
                }
            }
        }
        output.WriteLine($"{snapshots} snapshots; features: {string.Join(", ", seen.Order(StringComparer.Ordinal))}");
        string[] expected =
        [
            "map", "parallel", "scheduled-task", "variables", "heartbeat", "items",
            .. Enum.GetNames<TimerPurpose>().Select(p => $"timer:{p}"),
            .. Enum.GetNames<AslExecutionStatus>().Where(s => s != nameof(AslExecutionStatus.NotStarted)).Select(s => $"status:{s}"),
            .. new[] { FramePhase.AwaitTask, FramePhase.AwaitTimer, FramePhase.AwaitRetry, FramePhase.AwaitChildren, FramePhase.Completed }.Select(p => $"phase:{p}"),
        ];
        Assert.All(expected, f => Assert.Contains(f, seen));
    }

    [Fact]
    public void Every_state_of_every_conformance_execution_round_trips()
    {
        var snapshots = 0;
        foreach (var execution in ExecutionCase.All.Values.Where(c => !c.IsJsonata).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            StateMachineParser.TryParse(execution.Data["definition"]!.ToJsonString(), out var machine);
            if (machine is null) continue;
            var driver = new FakeTimeDriver(machine);
            driver.Run(FakeTimeDriver.StartMessage(execution.Data["input"], express: execution.Tags.Contains("express")));
            var definition = new AslSagaDefinition("conformance", 1, machine);
            var state = AslRunState.Empty;
            foreach (var e in driver.History)
            {
                state = (AslRunState)definition.Apply(state, new AslSagaEvent(e) { Timestamp = e.Timestamp });
                AslSnapshotProbes.AssertRoundTrips(definition, state, [], driver.Now);
                snapshots++;
            }
        }
        output.WriteLine($"{snapshots} snapshots");
        Assert.True(snapshots > 1000, $"only {snapshots} snapshots");
    }

    private static IEnumerable<string> Features(AslRunState state)
    {
        var execution = state.Execution;
        yield return $"status:{execution.Status}";
        if (!state.ScheduledTasks.IsEmpty) yield return "scheduled-task";
        foreach (var frame in execution.Frames.Values)
        {
            yield return $"phase:{frame.Phase}";
            if (frame.Variables.Count > 0) yield return "variables";
            if (frame.Container is { } container)
            {
                yield return container.IsMap ? "map" : "parallel";
                if (container.Items is not null) yield return "items";
            }
        }
        foreach (var timer in execution.Timers.Values) yield return $"timer:{timer.Purpose}";
        if (execution.Tasks.Values.Any(t => t.HeartbeatTimerId is not null)) yield return "heartbeat";
    }
}
