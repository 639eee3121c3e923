using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Worker;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>
/// Stopping the host stops polling at once, lets running handlers finish within the grace period (their results are
/// reported), then cancels the rest and fails their tasks with Worker.Shutdown.
/// </summary>
public sealed class WorkerShutdownTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private const int StoppingEvent = 10;

    [Fact]
    public async Task Handlers_finishing_within_the_grace_period_report_their_results_and_the_rest_fail_with_Worker_Shutdown()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var finishes = server.Enqueue("charge-card", new { id = 1, mode = "block" });
        var outlives = server.Enqueue("charge-card", new { id = 2, mode = "block" });
        var queued = server.Enqueue("charge-card", new { id = 3 });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress,
            w => w.AddActivity<ProbeHandler>("charge-card", a => (a.MaxConcurrency, a.PollWaitSeconds) = (2, 1)),
            o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(3));
        await Eventually.True(() => worker.Probe.Running == 2, "two handlers run");

        var stopped = worker.Host.StopAsync();
        await Eventually.True(() => worker.Logs.Has(StoppingEvent), "the worker stops polling");
        worker.Probe.Open(1);

        var finished = await finishes.Result.WaitAsync(Deadline);
        Assert.Equal("success", finished.GetProperty("kind").GetString());
        Assert.Equal(1, finished.GetProperty("output").GetProperty("id").GetInt32());

        var abandoned = await outlives.Result.WaitAsync(Deadline);
        Assert.Equal("failure", abandoned.GetProperty("kind").GetString());
        Assert.Equal(SagaWorkerOptions.ShutdownError, abandoned.GetProperty("error").GetString());
        Assert.Equal("Worker.Shutdown", abandoned.GetProperty("error").GetString());
        Assert.Contains("w1", abandoned.GetProperty("cause").GetString(), StringComparison.Ordinal);
        await Eventually.True(() => worker.Probe.Cancelled.ContainsKey(2), "the unfinished handler is cancelled");
        await stopped.WaitAsync(Deadline);

        // The slot freed during shutdown was not used to poll again.
        Assert.Equal("Queued", queued.State);
        Assert.Equal(2, server.Polls("charge-card"));
        Assert.Equal(["failure"], outlives.Calls);
    }

    [Fact]
    public async Task Stopping_an_idle_worker_ends_its_open_long_poll_at_once()
    {
        await using var server = await FakeActivityServer.StartAsync();
        await using var worker = await TestWorker.StartAsync(server.BaseAddress,
            w => w.AddActivity<ProbeHandler>("charge-card", a => a.PollWaitSeconds = 300));
        await Eventually.True(() => server.PollsOpen("charge-card") == 1, "a long poll is open");

        await worker.Host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await Eventually.True(() => server.PollsOpen("charge-card") == 0, "the server sees the poll end");
        var task = server.Enqueue("charge-card", new { id = 1 });
        Assert.Equal("Queued", task.State);
    }

    [Fact]
    public async Task Handlers_finishing_within_the_grace_period_are_not_cancelled()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1, mode = "block" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress,
            w => w.AddActivity<ProbeHandler>("charge-card", a => a.PollWaitSeconds = 1),
            o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(30));
        await Eventually.True(() => worker.Probe.Running == 1, "the handler runs");
        var lifetime = (IHostApplicationLifetime)worker.Host.Services.GetService(typeof(IHostApplicationLifetime))!;

        var stopped = worker.Host.StopAsync();
        await Eventually.True(() => worker.Logs.Has(StoppingEvent), "the worker stops polling");
        Assert.False(worker.Probe.Started[1].CancellationToken.IsCancellationRequested);
        worker.Probe.Open(1);

        Assert.Equal("success", (await task.Result.WaitAsync(Deadline)).GetProperty("kind").GetString());
        await stopped.WaitAsync(Deadline);
        Assert.True(lifetime.ApplicationStopped.IsCancellationRequested);
        Assert.False(worker.Probe.Cancelled.ContainsKey(1));
    }

    [Fact]
    public async Task A_task_that_arrives_after_shutdown_began_is_failed_with_Worker_Shutdown_without_running()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1 });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, w =>
        {
            w.AddActivity<ProbeHandler>("charge-card", a => a.PollWaitSeconds = 1);
            w.Services.AddHttpClient(SagaWorkerServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new LateAnswerHandler());
        });
        await Eventually.True(() => task.State == "Running", "the server hands the task out");

        await worker.Host.StopAsync().WaitAsync(Deadline);

        var failure = await task.Result.WaitAsync(Deadline);
        Assert.Equal("Worker.Shutdown", failure.GetProperty("error").GetString());
        Assert.Empty(worker.Probe.Started);
        Assert.Contains(worker.Logs.Entries, e => e.EventId == 12);
    }
}
