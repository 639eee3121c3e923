using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Worker;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>Heartbeats go out while a handler runs; a refused heartbeat cancels the handler and no result is sent.</summary>
public sealed class WorkerHeartbeatTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static Action<SagaWorkerBuilder> Probe(TimeSpan heartbeat) =>
        w => w.AddActivity<ProbeHandler>("charge-card", a => (a.MaxConcurrency, a.PollWaitSeconds, a.HeartbeatInterval) = (1, 1, heartbeat));

    [Fact]
    public async Task Heartbeats_are_sent_while_the_handler_runs_and_stop_before_its_result()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1, mode = "block" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe(TimeSpan.FromMilliseconds(100)));

        await Eventually.True(() => task.Heartbeats >= 3, "three heartbeats arrive");
        worker.Probe.Open(1);

        Assert.Equal("success", (await task.Result.WaitAsync(Deadline)).GetProperty("kind").GetString());
        // The next task runs only once the first one's slot is free, i.e. after everything sent for it.
        var next = server.Enqueue("charge-card", new { id = 2 });
        await next.Result.WaitAsync(Deadline);
        Assert.Equal("success", task.Calls.Last());
        Assert.Equal(1, task.Calls.Count(c => c == "success"));
    }

    [Theory]
    [InlineData("timed-out")]
    [InlineData("completed")]
    public async Task A_refused_heartbeat_cancels_the_handler_and_no_result_is_sent(string refusal)
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1, mode = "block" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe(TimeSpan.FromMilliseconds(100)));
        await Eventually.True(() => task.Heartbeats >= 1, "a heartbeat arrives");

        if (refusal == "timed-out") server.TimeOut(task);
        else server.CompleteElsewhere(task);

        await Eventually.True(() => worker.Probe.Cancelled.ContainsKey(1), "the handler's token fires");
        Assert.IsAssignableFrom<OperationCanceledException>(worker.Probe.Cancelled[1]);
        var next = server.Enqueue("charge-card", new { id = 2 });
        await next.Result.WaitAsync(Deadline);
        Assert.DoesNotContain("success", task.Calls);
        Assert.DoesNotContain("failure", task.Calls);
        Assert.Contains(worker.Logs.Entries, e => e.EventId == 7);
    }

    [Fact]
    public async Task A_manual_heartbeat_refused_throws_OperationCanceledException_and_no_result_is_sent()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1, mode = "manual-heartbeat" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe(Timeout.InfiniteTimeSpan));
        await Eventually.True(() => worker.Probe.Running == 1, "the handler runs");

        server.TimeOut(task);
        worker.Probe.Open(1);

        await Eventually.True(() => worker.Probe.Cancelled.ContainsKey(1), "the handler's token fires");
        Assert.True(worker.Probe.Started[1].CancellationToken.IsCancellationRequested);
        var next = server.Enqueue("charge-card", new { id = 2 });
        await next.Result.WaitAsync(Deadline);
        Assert.Equal(["heartbeat"], task.Calls);
    }

    [Fact]
    public async Task A_manual_heartbeat_accepted_lets_the_handler_finish()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1, mode = "manual-heartbeat" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe(Timeout.InfiniteTimeSpan));
        worker.Probe.Open(1);

        Assert.Equal("success", (await task.Result.WaitAsync(Deadline)).GetProperty("kind").GetString());
        Assert.Equal(["heartbeat", "success"], task.Calls);
    }

    [Fact]
    public async Task Heartbeats_answered_503_do_not_cancel_the_handler()
    {
        await using var server = await FakeActivityServer.StartAsync();
        server.FailNextHeartbeats(3);
        var task = server.Enqueue("charge-card", new { id = 1, mode = "block" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe(TimeSpan.FromMilliseconds(100)));

        await Eventually.True(() => task.Heartbeats >= 1, "a heartbeat is accepted after three 503s");
        Assert.False(worker.Probe.Started[1].CancellationToken.IsCancellationRequested);
        worker.Probe.Open(1);

        Assert.Equal("success", (await task.Result.WaitAsync(Deadline)).GetProperty("kind").GetString());
        Assert.True(task.Calls.Count(c => c == "heartbeat") >= 4);
    }

    [Fact]
    public async Task A_result_refused_because_the_task_timed_out_is_dropped_not_retried()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1, mode = "block" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe(Timeout.InfiniteTimeSpan));
        await Eventually.True(() => worker.Probe.Running == 1, "the handler runs");

        server.TimeOut(task);
        worker.Probe.Open(1);

        var next = server.Enqueue("charge-card", new { id = 2 });
        await next.Result.WaitAsync(Deadline);
        Assert.Equal(["success"], task.Calls);
        Assert.Contains(worker.Logs.Entries, e => e.EventId == 8 && e.Message.Contains("TaskTimedOut", StringComparison.Ordinal));
    }
}
