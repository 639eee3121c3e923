using OrleansSagas.Client;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Hosting;
using Orleans.Runtime;

namespace OrleansSagas.Tests.Runtime;

public sealed class RuntimeTests
{
    private static SagaGraph Trip(string name = "trip") => new SagaBuilder(name)
        .Step<RecordingStep>("pay", n => n.WithUndo<RecordingUndo>())
        .Step<RecordingStep>("flight", n => n.After("pay").WithUndo<RecordingUndo>())
        .Step<RecordingStep>("hotel", n => n.After("flight").WithUndo<RecordingUndo>())
        .Build();

    [Fact]
    public async Task A_saga_runs_every_step_once_and_succeeds()
    {
        await using var node = await TestNode.StartAsync(b => b.AddSaga(Trip()));
        var handle = await node.Client.StartAsync("trip", new TripInput("ada", 100), "t1");
        var result = await handle.GetResultAsync<Dictionary<string, StepResult>>();
        Assert.Equal("t1/hotel", result["hotel"].Key);
        Assert.Equal(["pay", "flight", "hotel"], node.Log.Names);
        var saga = await handle.GetStatusAsync();
        Assert.All(saga.Steps, s => Assert.Equal((StepStatus.Succeeded, 1), (s.Status, s.Attempts)));
    }

    [Fact]
    public async Task A_failing_step_unwinds_completed_steps_in_reverse_order()
    {
        await using var node = await TestNode.StartAsync(b => b.AddSaga(Trip()));
        var handle = await node.Client.StartAsync("trip", new TripInput("ada", 100, FailAt: "hotel"), "t2");
        var saga = await handle.WaitForCompletionAsync();
        Assert.Equal(SagaStatus.Compensated, saga.Status);
        Assert.Equal("Boom", saga.Error?.Error);
        Assert.Equal(["pay", "flight", "hotel", "undo:flight", "undo:pay"], node.Log.Names);
        await Assert.ThrowsAsync<SagaFailedException>(() => handle.GetResultAsync<object>());
    }

    [Fact]
    public async Task Start_is_idempotent_per_id_and_conflicts_on_other_input()
    {
        await using var node = await TestNode.StartAsync(b => b.AddSaga(Trip()));
        var input = SagaJson.ToElement(new TripInput("ada", 100));
        var first = await node.Client.StartAsync("trip", input, "same");
        var again = await node.Client.StartAsync("trip", input, "same");
        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Saga.Id, again.Saga.Id);
        await Assert.ThrowsAsync<SagaConflictException>(() =>
            node.Client.StartAsync("trip", SagaJson.ToElement(new TripInput("bob", 5)), "same"));
        await Assert.ThrowsAsync<DefinitionNotFoundException>(() => node.Client.StartAsync("nope", input));
        await Assert.ThrowsAsync<SagaNotFoundException>(() => node.Client.DescribeAsync("missing"));
    }

    [Fact]
    public async Task An_input_over_the_payload_limit_is_rejected_naming_the_field()
    {
        await using var node = await TestNode.StartAsync(b => b.AddSaga(Trip()));
        var big = SagaJson.ToElement(new TripInput(new string('x', 300 * 1024), 1));
        var error = await Assert.ThrowsAsync<SagaInputException>(() => node.Client.StartAsync("trip", big, "big"));
        Assert.Equal("input", error.Field);
        Assert.True(error.TooLarge);
        await Assert.ThrowsAsync<SagaNotFoundException>(() => node.Client.DescribeAsync("big"));
    }

    [Fact]
    public async Task A_saga_waiting_one_hour_completes_when_the_clock_advances()
    {
        var graph = new SagaBuilder("waiting")
            .Step<RecordingStep>("pay")
            .Delay("hour", TimeSpan.FromHours(1), n => n.After("pay"))
            .Step<RecordingStep>("notify", n => n.After("hour"))
            .Build();
        await using var node = await TestNode.StartAsync(b => b.AddSaga(graph));
        await node.Client.StartAsync("waiting", new TripInput("ada", 1), "w1");
        await TestNode.Eventually(async () => (await node.Client.DescribeAsync("w1")).Steps.Single(s => s.Name == "hour").Status == StepStatus.Running, "the wait started");
        node.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(SagaStatus.Running, (await node.Client.DescribeAsync("w1")).Status);
        Assert.DoesNotContain("notify", node.Log.Names);
        node.Time.Advance(TimeSpan.FromMinutes(2));
        await node.UntilStatus("w1", SagaStatus.Succeeded);
        Assert.Equal(["pay", "notify"], node.Log.Names);
    }

    [Fact]
    public async Task A_signal_before_its_timeout_wins_and_a_missing_signal_times_out()
    {
        var graph = new SagaBuilder("approval")
            .Step<RecordingStep>("pay", n => n.WithUndo<RecordingUndo>())
            .WaitForSignal("approved", "approve", TimeSpan.FromMinutes(30), n => n.After("pay"))
            .Build();
        await using var node = await TestNode.StartAsync(b => b.AddSaga(graph));
        await node.Client.StartAsync("approval", new TripInput("ada", 1), "s1");
        await node.Client.StartAsync("approval", new TripInput("bob", 1), "s2");
        await TestNode.Eventually(async () => (await node.Client.DescribeAsync("s1")).Steps.Last().Status == StepStatus.Running, "s1 waits");
        await TestNode.Eventually(async () => (await node.Client.DescribeAsync("s2")).Steps.Last().Status == StepStatus.Running, "s2 waits");
        await node.Client.GetHandle("s1").SignalAsync("approve", new { by = "manager" });
        await node.UntilStatus("s1", SagaStatus.Succeeded);
        node.Time.Advance(TimeSpan.FromMinutes(31));
        await node.UntilStatus("s2", SagaStatus.Compensated);
        Assert.Equal(SagaErrors.Timeout, (await node.Client.DescribeAsync("s2")).Error?.Error);
        Assert.Contains("undo:pay", node.Log.Names);
    }

    [Fact]
    public async Task Cancel_fires_the_running_steps_token_and_undoes_completed_steps()
    {
        var graph = new SagaBuilder("cancellable")
            .Step<RecordingStep>("pay", n => n.WithUndo<RecordingUndo>())
            .Step<BlockingStep>("slow", n => n.After("pay").WithUndo<RecordingUndo>())
            .Build();
        await using var node = await TestNode.StartAsync(b => b.AddSaga(graph));
        await node.Client.StartAsync("cancellable", new TripInput("ada", 1), "c1");
        await TestNode.Eventually(() => Task.FromResult(node.Log.Names.Contains("slow")), "the slow step runs");
        await node.Client.CancelAsync("c1");
        await node.UntilStatus("c1", SagaStatus.Cancelled);
        Assert.Equal(["pay", "slow", "undo:pay"], node.Log.Names);
    }

    [Fact]
    public async Task A_child_saga_runs_and_its_failure_unwinds_the_parent()
    {
        var child = new SagaBuilder("child")
            .Step<RecordingStep>("child-step", n => n.WithUndo<RecordingUndo>())
            .Build();
        var parent = new SagaBuilder("parent")
            .Step<RecordingStep>("pay", n => n.WithUndo<RecordingUndo>())
            .ChildSaga("sub", "child", n => n.After("pay"))
            .Build();
        await using var node = await TestNode.StartAsync(b => b.AddSaga(child).AddSaga(parent));
        await node.Client.StartAsync("parent", new TripInput("ada", 1), "p1");
        await node.UntilStatus("p1", SagaStatus.Succeeded);
        Assert.Equal(SagaStatus.Succeeded, (await node.Client.DescribeAsync("p1/sub")).Status);

        await node.Client.StartAsync("parent", new TripInput("bob", 1, FailAt: "child-step"), "p2");
        await node.UntilStatus("p2", SagaStatus.Compensated);
        Assert.Equal(SagaStatus.Compensated, (await node.Client.DescribeAsync("p2/sub")).Status);
        Assert.Equal(SagaErrors.ChildFailed, (await node.Client.DescribeAsync("p2")).Error?.Error);
    }

    [Fact]
    public async Task A_deactivated_saga_comes_back_on_the_next_message()
    {
        var graph = new SagaBuilder("signal-only").WaitForSignal("go", "go").Build();
        await using var node = await TestNode.StartAsync(b => b.AddSaga(graph));
        await node.Client.StartAsync("signal-only", new TripInput("ada", 1), "i1");
        var management = node.Cluster.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await TestNode.Eventually(async () => (await management.GetSimpleGrainStatistics()).All(s => !s.GrainType.Contains("SagaGrain", StringComparison.Ordinal) || s.ActivationCount == 0),
            "the saga activation is collected");
        await node.Client.SignalAsync("i1", "go", SagaJson.Parse("{}"));
        await node.UntilStatus("i1", SagaStatus.Succeeded);
    }

    [Fact]
    public async Task A_saga_deactivated_during_a_wait_is_woken_by_its_reminder_exactly_when_the_wait_ends()
    {
        var graph = new SagaBuilder("short-wait")
            .Step<RecordingStep>("pay")
            .Delay("pause", TimeSpan.FromSeconds(30), n => n.After("pay"))
            .Step<RecordingStep>("notify", n => n.After("pause"))
            .Build();
        await using var node = await TestNode.StartAsync(b => b.AddSaga(graph));
        await node.Client.StartAsync("short-wait", new TripInput("ada", 1), "r1");
        await TestNode.Eventually(async () => (await node.Client.DescribeAsync("r1")).Steps.Single(s => s.Name == "pause").Status == StepStatus.Running, "the wait started");
        var management = node.Cluster.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await TestNode.Eventually(async () => (await management.GetSimpleGrainStatistics()).All(s => !s.GrainType.Contains("SagaGrain", StringComparison.Ordinal) || s.ActivationCount == 0),
            "the saga activation is collected");

        // The reminder ticks every minute from the start; the wait ends at 30 s, before the first tick.
        node.Time.Advance(TimeSpan.FromSeconds(31));
        await TestNode.Eventually(() => Task.FromResult(node.Log.Names.Contains("notify")), "the saga woke at the end of its wait");
        Assert.Equal(["pay", "notify"], node.Log.Names);
    }

    [Fact]
    public async Task A_step_running_three_minutes_does_not_block_signals_status_or_cancel()
    {
        var graph = new SagaBuilder("long-step")
            .Step<RecordingStep>("pay", n => n.WithUndo<RecordingUndo>())
            .Step<BlockingStep>("slow", n => n.After("pay").WithUndo<RecordingUndo>())
            .Build();
        await using var node = await TestNode.StartAsync(b => b.AddSaga(graph));
        await node.Client.StartAsync("long-step", new TripInput("ada", 1), "l1");
        await TestNode.Eventually(() => Task.FromResult(node.Log.Names.Contains("slow")), "the slow step runs");
        for (var minute = 0; minute < 3; minute++)
        {
            node.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(SagaStatus.Running, (await node.Client.DescribeAsync("l1")).Status);
            await node.Client.SignalAsync("l1", "nudge", SagaJson.Parse("{}"));
        }
        Assert.Equal(StepStatus.Running, (await node.Client.DescribeAsync("l1")).Steps.Single(s => s.Name == "slow").Status);
        await node.Client.CancelAsync("l1");
        await node.UntilStatus("l1", SagaStatus.Cancelled);
        Assert.Equal(["pay", "slow", "undo:pay"], node.Log.Names);
    }

    [Fact]
    public async Task An_unknown_saga_id_is_not_found_over_grain_calls()
    {
        await using var node = await TestNode.StartAsync(b => b.AddSaga(Trip()));
        await Assert.ThrowsAsync<SagaNotFoundException>(() => node.Client.DescribeAsync("nobody"));
        await Assert.ThrowsAsync<SagaNotFoundException>(() => node.Client.SignalAsync("nobody", "go", SagaJson.Parse("{}")));
        await Assert.ThrowsAsync<SagaNotFoundException>(() => node.Client.CancelAsync("nobody"));
        await Assert.ThrowsAsync<SagaNotFoundException>(() => node.Client.GetHistoryAsync("nobody"));
        Assert.Empty((await node.Client.ListAsync()).Items);
    }
}
