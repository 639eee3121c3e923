using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>A worker never runs more than MaxConcurrency handlers of an activity, and does not poll while it has no free slot.</summary>
public sealed class WorkerConcurrencyTests
{
    [Fact]
    public async Task A_full_worker_stops_polling_and_never_runs_more_than_MaxConcurrency_handlers()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var tasks = Enumerable.Range(1, 8).Select(id => server.Enqueue("charge-card", new { id, mode = "block" })).ToList();
        await using var worker = await TestWorker.StartAsync(server.BaseAddress,
            w => w.AddActivity<ProbeHandler>("charge-card", a => (a.MaxConcurrency, a.PollWaitSeconds) = (3, 1)));

        await Eventually.True(() => worker.Probe.Running == 3, "three handlers run");
        // Each poll got a task at once, so with three slots taken there were exactly three polls and none is open.
        Assert.Equal(3, server.Polls("charge-card"));
        Assert.Equal(0, server.PollsOpen("charge-card"));
        Assert.Equal(5, server.Queued("charge-card"));

        // Freeing one slot lets exactly one more task in.
        var first = worker.Probe.Started.Keys.Min();
        worker.Probe.Open(first);
        await Eventually.True(() => worker.Probe.Started.Count == 4 && worker.Probe.Running == 3, "a fourth handler replaces the first");
        Assert.Equal(4, server.Polls("charge-card"));

        foreach (var id in Enumerable.Range(1, 8)) worker.Probe.Open(id);
        foreach (var task in tasks)
            Assert.Equal("success", (await task.Result.WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("kind").GetString());
        Assert.Equal(3, worker.Probe.MaxRunning);
    }

    [Fact]
    public async Task Activities_have_separate_limits()
    {
        await using var server = await FakeActivityServer.StartAsync();
        server.Enqueue("charge-card", new { id = 1, mode = "block" });
        server.Enqueue("charge-card", new { id = 2, mode = "block" });
        var refund = server.Enqueue("refund-card", new { id = 3 });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, w => w
            .AddActivity<ProbeHandler>("charge-card", a => (a.MaxConcurrency, a.PollWaitSeconds) = (1, 1))
            .AddActivity<ProbeHandler>("refund-card", a => (a.MaxConcurrency, a.PollWaitSeconds) = (1, 1)));

        // charge-card's only slot is taken by a blocked handler; refund-card still runs.
        Assert.Equal("success", (await refund.Result.WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("kind").GetString());
        await Eventually.True(() => worker.Probe.Started.ContainsKey(1) || worker.Probe.Started.ContainsKey(2), "a charge runs");
        Assert.Equal(1, server.Queued("charge-card"));
    }
}
