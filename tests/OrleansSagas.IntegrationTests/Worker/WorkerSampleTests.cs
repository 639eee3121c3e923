namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>The worker-sample process against the in-memory server: its activities, and a graceful stop on SIGTERM.</summary>
public sealed class WorkerSampleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_sample_charges_fails_on_demand_and_refunds()
    {
        await using var server = await FakeActivityServer.StartAsync();
        using var worker = await WorkerSampleProcess.StartAsync(server.BaseAddress, "sample-1", concurrency: 2, "--Worker:PollWaitSeconds", "1");

        var charge = server.Enqueue("charge-card", new { customer = "ada", amount = 12.5m, sleepMs = 50, unrelated = true });
        var declined = server.Enqueue("charge-card", new { customer = "bob", amount = 99, fail = "Card.Declined", cause = "No funds" });
        var refund = server.Enqueue("refund-card", new { chargeId = "ch-1" });

        var charged = (await charge.Result.WaitAsync(Deadline)).GetProperty("output");
        Assert.StartsWith("ch-", charged.GetProperty("chargeId").GetString(), StringComparison.Ordinal);
        Assert.Equal(12.5m, charged.GetProperty("amount").GetDecimal());
        Assert.Equal("sample-1", charged.GetProperty("worker").GetString());

        var failure = await declined.Result.WaitAsync(Deadline);
        Assert.Equal("Card.Declined", failure.GetProperty("error").GetString());
        Assert.Equal("No funds", failure.GetProperty("cause").GetString());

        Assert.Equal("""{"refunded":true,"chargeId":"ch-1"}""", (await refund.Result.WaitAsync(Deadline)).GetProperty("output").GetRawText());
        Assert.Contains($"task started charge-card {charge.Token}", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_SIGTERM_the_sample_fails_its_unfinished_task_with_Worker_Shutdown_and_exits()
    {
        await using var server = await FakeActivityServer.StartAsync();
        using var worker = await WorkerSampleProcess.StartAsync(server.BaseAddress, "sample-2", concurrency: 1,
            "--Worker:PollWaitSeconds", "1", "--Worker:ShutdownGraceSeconds", "1");
        var slow = server.Enqueue("charge-card", new { customer = "ada", amount = 1, sleepMs = 600_000 });
        await worker.WaitForOutputAsync($"task started charge-card {slow.Token}");

        worker.Terminate();

        var failure = await slow.Result.WaitAsync(Deadline);
        Assert.Equal("Worker.Shutdown", failure.GetProperty("error").GetString());
        await worker.WaitForExitAsync(Deadline);
        Assert.Equal(0, worker.ExitCode);
    }
}
