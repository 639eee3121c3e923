using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Worker;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>What the worker reports for a task: the output on success, the error and cause on failure, through transient server errors.</summary>
public sealed class WorkerReportingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static Action<SagaWorkerBuilder> Probe(string activity = "charge-card") =>
        w => w.AddActivity<ProbeHandler>(activity, a => a.PollWaitSeconds = 1);

    [Fact]
    public async Task Success_reports_the_token_and_the_handlers_output_in_camel_case()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 7 });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe());

        var result = await task.Result.WaitAsync(Deadline);

        Assert.Equal("success", result.GetProperty("kind").GetString());
        Assert.Equal(task.Token, result.GetProperty("taskToken").GetString());
        var output = result.GetProperty("output");
        Assert.Equal(7, output.GetProperty("id").GetInt32());
        Assert.Equal("w1", output.GetProperty("workerName").GetString());
        Assert.Equal("charge-card", output.GetProperty("activityName").GetString());
        Assert.Equal(task.Token, output.GetProperty("taskToken").GetString());
        Assert.Equal("w1", task.Worker);
    }

    [Fact]
    public async Task ActivityFailedException_reports_its_error_and_cause()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1, mode = "fail", error = "Card.Declined", cause = "Insufficient funds" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe());

        var result = await task.Result.WaitAsync(Deadline);

        Assert.Equal("failure", result.GetProperty("kind").GetString());
        Assert.Equal(task.Token, result.GetProperty("taskToken").GetString());
        Assert.Equal("Card.Declined", result.GetProperty("error").GetString());
        Assert.Equal("Insufficient funds", result.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task Any_other_exception_reports_its_type_name_as_error_and_its_message_as_cause()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = 1, mode = "throw", message = "gateway said no" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe());

        var result = await task.Result.WaitAsync(Deadline);

        Assert.Equal("failure", result.GetProperty("kind").GetString());
        Assert.Equal(nameof(InvalidOperationException), result.GetProperty("error").GetString());
        Assert.Equal("gateway said no", result.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task An_input_the_handler_cannot_read_fails_the_task_with_JsonException()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("charge-card", new { id = "not a number" });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe());

        var result = await task.Result.WaitAsync(Deadline);

        Assert.Equal("failure", result.GetProperty("kind").GetString());
        Assert.Equal(nameof(JsonException), result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_raw_json_delegate_gets_the_input_and_its_output_is_reported_as_is()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var task = server.Enqueue("echo", new { items = new[] { 1, 2 }, Nested = new { A = "b" } });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress,
            w => w.AddActivity("echo", (input, _) => Task.FromResult(input), a => a.PollWaitSeconds = 1));

        var result = await task.Result.WaitAsync(Deadline);

        Assert.Equal("""{"items":[1,2],"nested":{"a":"b"}}""", result.GetProperty("output").GetRawText());
    }

    [Fact]
    public async Task Polls_answered_503_are_retried_until_a_task_arrives()
    {
        await using var server = await FakeActivityServer.StartAsync();
        server.FailNextPolls(3);
        var task = server.Enqueue("charge-card", new { id = 1 });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe());

        var result = await task.Result.WaitAsync(Deadline);

        Assert.Equal("success", result.GetProperty("kind").GetString());
        Assert.True(server.Polls("charge-card") >= 4, $"{server.Polls("charge-card")} polls");
        Assert.Contains(worker.Logs.Entries, e => e.Message.Contains("503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_answered_503_are_retried_until_accepted()
    {
        await using var server = await FakeActivityServer.StartAsync();
        server.FailNextReports(2);
        var task = server.Enqueue("charge-card", new { id = 1 });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, Probe());

        var result = await task.Result.WaitAsync(Deadline);

        Assert.Equal("success", result.GetProperty("kind").GetString());
        Assert.Equal(3, task.Calls.Count(c => c == "success"));
    }

    [Fact]
    public async Task A_worker_started_before_its_server_keeps_polling_until_the_server_answers()
    {
        var port = FreePort.Next();
        await using var worker = await TestWorker.StartAsync(new Uri($"http://127.0.0.1:{port}"), Probe());
        await Eventually.True(() => worker.Logs.Text.Contains("Connection refused", StringComparison.OrdinalIgnoreCase), "the worker's polls are refused");

        await using var server = await FakeActivityServer.StartAsync(port);
        var task = server.Enqueue("charge-card", new { id = 1 });

        var result = await task.Result.WaitAsync(Deadline);
        Assert.Equal("success", result.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Each_activity_polls_its_own_queue()
    {
        await using var server = await FakeActivityServer.StartAsync();
        var charge = server.Enqueue("charge-card", new { id = 1 });
        var refund = server.Enqueue("refund-card", new { id = 2 });
        await using var worker = await TestWorker.StartAsync(server.BaseAddress, w =>
        {
            Probe("charge-card")(w);
            Probe("refund-card")(w);
        });

        Assert.Equal("charge-card", (await charge.Result.WaitAsync(Deadline)).GetProperty("output").GetProperty("activityName").GetString());
        Assert.Equal("refund-card", (await refund.Result.WaitAsync(Deadline)).GetProperty("output").GetProperty("activityName").GetString());
    }
}
