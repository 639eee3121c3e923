using System.Net;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Tasks;

namespace OrleansSagas.IntegrationTests.Activities;

/// <summary>Activity tasks and callbacks through the worker HTTP API of a real silo on SQLite.</summary>
public sealed class WorkerApiTests : IAsyncLifetime
{
    private HttpTestNode _node = null!;
    private WorkerApi _worker = null!;

    public async Task InitializeAsync()
    {
        _node = await HttpTestNode.StartAsync(s => s.AddActivitySagas());
        _worker = new WorkerApi(_node);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task An_activity_step_goes_to_a_polling_worker_and_the_workers_output_is_the_step_output()
    {
        await _node.StartAsync(ActivitySagas.Charge, new { amount = 42 }, "charge-ok");

        await Eventually.True(async () => (await _node.GetJsonAsync("/api/activities/charge-card")).GetProperty("queued").GetInt32() == 1, "the task is queued");
        var task = await _worker.NextAsync("charge-card");
        Assert.Equal(42, task.Input.GetProperty("amount").GetInt32());
        var status = await _node.GetJsonAsync("/api/activities/charge-card");
        Assert.Equal(0, status.GetProperty("queued").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("maxConcurrency").ValueKind);
        Assert.Equal("Running", (await _node.GetJsonAsync("/api/sagas/charge-ok")).GetProperty("status").GetString());
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(task.Token, new { receipt = "r-1" }));

        var saga = await _node.ResultAsync("charge-ok");
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal("r-1", saga.GetProperty("output").GetProperty("charge").GetProperty("receipt").GetString());
        Assert.Null(await _worker.PollAsync("charge-card", waitSeconds: 0));
    }

    [Fact]
    public async Task A_poll_without_tasks_answers_204_and_a_waiting_poll_gets_a_task_as_soon_as_it_is_enqueued()
    {
        Assert.Null(await _worker.PollAsync("charge-card", waitSeconds: 0));
        Assert.Null(await _worker.PollAsync("charge-card", waitSeconds: 0.2));

        var poll = _worker.PollAsync("charge-card", waitSeconds: 120);
        await _node.StartAsync(ActivitySagas.Charge, new { amount = 7 }, "charge-wake");

        // Long before the poll's two minutes are up: the enqueue hands the task to the waiting poll.
        var task = await poll.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(task);
        Assert.Equal(7, task.Value.Input.GetProperty("amount").GetInt32());
    }

    [Fact]
    public async Task A_task_enqueued_after_a_worker_abandoned_its_poll_goes_to_the_next_poll_not_to_the_abandoned_one()
    {
        using (var abandon = new CancellationTokenSource())
        {
            var poll = _node.Http.PostAsync("/api/activities/charge-card/poll",
                new StringContent("""{"workerName":"gone","waitSeconds":60}""", System.Text.Encoding.UTF8, "application/json"), abandon.Token);
            // Give the poll time to be waiting on the queue; the task must not be lost whenever the worker goes away.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        }
        await _node.StartAsync(ActivitySagas.Charge, new { amount = 11 }, "charge-abandoned");

        var task = await _worker.NextAsync("charge-card");
        Assert.Equal(11, task.Input.GetProperty("amount").GetInt32());
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(task.Token, new { receipt = "r-11" }));
        Assert.Equal("Succeeded", (await _node.ResultAsync("charge-abandoned")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_grain_call_poll_that_is_cancelled_does_not_take_the_next_task()
    {
        var client = _node.Service<GrainTaskClient>();
        using (var abandon = new CancellationTokenSource())
        {
            var poll = client.PollAsync("charge-card", "gone", TimeSpan.FromSeconds(60), abandon.Token);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        }
        await _node.StartAsync(ActivitySagas.Charge, new { amount = 12 }, "charge-abandoned-grain");
        var task = await _worker.NextAsync("charge-card");
        Assert.Equal(12, task.Input.GetProperty("amount").GetInt32());
    }

    [Fact]
    public async Task The_http_and_grain_task_clients_poll_report_and_get_refusals_as_exceptions()
    {
        ITaskClient[] clients = [_node.CreateClient(), _node.Service<GrainTaskClient>()];
        for (var i = 0; i < clients.Length; i++)
        {
            var client = clients[i];
            await _node.StartAsync(ActivitySagas.Charge, new { amount = 20 + i }, $"charge-client-{i}");
            var task = await client.PollAsync("charge-card", "dotnet", TimeSpan.FromSeconds(20));
            Assert.NotNull(task);
            Assert.Equal(20 + i, task.Input.GetProperty("amount").GetInt32());
            Assert.NotNull(task.EnqueuedAt);
            await client.SendHeartbeatAsync(task.TaskToken);
            await client.SendSuccessAsync(task.TaskToken, SagaJson.Parse("""{"receipt":"typed"}"""));

            var again = await Assert.ThrowsAsync<TaskTokenException>(() => client.SendFailureAsync(task.TaskToken, "Late", "too late"));
            Assert.Equal(TaskTokenRejection.AlreadyCompleted, again.Rejection);
            var forged = await Assert.ThrowsAsync<TaskTokenException>(() => client.SendHeartbeatAsync("AQAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
            Assert.Equal(TaskTokenRejection.Forged, forged.Rejection);
            Assert.Null(await client.PollAsync("charge-card", "dotnet", TimeSpan.Zero));
            Assert.Equal("Succeeded", (await _node.ResultAsync($"charge-client-{i}")).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_failure_is_retried_per_the_steps_retry_and_the_earlier_attempts_token_cannot_complete_the_retry()
    {
        await _node.StartAsync(ActivitySagas.Charge, new { amount = 1 }, "charge-retry");
        var first = await _worker.NextAsync("charge-card");
        await WorkerApi.AssertOkAsync(await _worker.FailureAsync(first.Token, "CardDeclined", "insufficient funds"));

        var second = await _worker.NextAsync("charge-card");
        Assert.NotEqual(first.Token, second.Token);
        // The first attempt's token is bound to attempt 1, which already failed: it cannot complete attempt 2.
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(first.Token, new { late = true }), HttpStatusCode.Conflict, "TaskAlreadyCompleted", "alreadyCompleted");
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(second.Token, new { receipt = "r-2" }));
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(second.Token, new { again = true }), HttpStatusCode.Conflict, "TaskAlreadyCompleted", "alreadyCompleted");
        await WorkerApi.AssertRefusedAsync(await _worker.FailureAsync(second.Token, "X", "late"), HttpStatusCode.Conflict, "TaskAlreadyCompleted", "alreadyCompleted");

        var saga = await _node.ResultAsync("charge-retry");
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal("r-2", saga.GetProperty("output").GetProperty("charge").GetProperty("receipt").GetString());
        Assert.Equal(2, saga.GetProperty("steps")[0].GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task The_token_of_a_task_whose_saga_was_cancelled_is_superseded()
    {
        await _node.StartAsync(ActivitySagas.Charge, new { amount = 4 }, "charge-cancelled");
        var task = await _worker.NextAsync("charge-card");
        using (await _node.PostJsonAsync("/api/sagas/charge-cancelled/cancel", "{}")) { }
        Assert.Equal("Cancelled", (await _node.ResultAsync("charge-cancelled")).GetProperty("status").GetString());

        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(task.Token, new { late = true }), HttpStatusCode.Conflict, "TaskSuperseded", "superseded");
        await WorkerApi.AssertRefusedAsync(await _worker.HeartbeatAsync(task.Token), HttpStatusCode.Conflict, "TaskSuperseded", "superseded");
        Assert.Equal("Cancelled", (await _node.GetJsonAsync("/api/sagas/charge-cancelled")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Malformed_forged_and_unknown_tokens_are_refused_and_change_nothing()
    {
        await _node.StartAsync(ActivitySagas.Charge, new { amount = 3 }, "charge-forged");
        var task = await _worker.NextAsync("charge-card");
        var before = await _node.GetJsonAsync("/api/sagas/charge-forged/history");

        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync("not a token!"), HttpStatusCode.BadRequest, "InvalidToken", "malformed");
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync("AQ"), HttpStatusCode.BadRequest, "InvalidToken", "malformed");
        await WorkerApi.AssertRefusedAsync(await _worker.HeartbeatAsync(Tamper(task.Token, 30)), HttpStatusCode.BadRequest, "InvalidToken", "forged");
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(Tamper(task.Token, task.Token.Length - 3)), HttpStatusCode.BadRequest, "InvalidToken", "forged");
        // Another key id: a token this cluster never issued.
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(Tamper(task.Token, 3)), HttpStatusCode.BadRequest, "InvalidToken", "forged");
        var tokens = _node.Service<TaskTokens>();
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(tokens.Issue("no-such-saga", "charge", 1)), HttpStatusCode.NotFound, "TaskDoesNotExist", "unknown");
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(tokens.Issue("charge-forged", "no-such-step", 1)), HttpStatusCode.NotFound, "TaskDoesNotExist", "unknown");

        var after = await _node.GetJsonAsync("/api/sagas/charge-forged/history");
        Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
        Assert.Equal("Running", (await _node.GetJsonAsync("/api/sagas/charge-forged")).GetProperty("status").GetString());
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(task.Token, new { receipt = "genuine" }));
        Assert.Equal("Succeeded", (await _node.ResultAsync("charge-forged")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_task_without_heartbeats_times_out_is_retried_and_its_late_completion_is_refused_with_410()
    {
        await _node.StartAsync(ActivitySagas.Beating, new { amount = 5 }, "charge-silent");
        var silent = await _worker.NextAsync("beating-card");
        await WorkerApi.AssertOkAsync(await _worker.HeartbeatAsync(silent.Token));

        // No more heartbeats: after a second the attempt fails with States.HeartbeatTimeout and the retry enqueues attempt 2.
        var retried = await _worker.NextAsync("beating-card");
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(silent.Token, new { late = true }), HttpStatusCode.Gone, "TaskTimedOut", "timedOut");
        await WorkerApi.AssertRefusedAsync(await _worker.HeartbeatAsync(silent.Token), HttpStatusCode.Gone, "TaskTimedOut", "timedOut");
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(retried.Token, new { receipt = "second" }));

        var saga = await _node.ResultAsync("charge-silent");
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        var history = await _node.GetJsonAsync("/api/sagas/charge-silent/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetRawText().Contains("States.HeartbeatTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_step_hands_out_its_token_and_waits_until_success_is_sent_with_it()
    {
        await _node.StartAsync(ActivitySagas.Callback, new { expense = 120 }, "approve-1");
        var token = await _node.Service<CallbackTokens>().TokenOf("approve-1");
        Assert.Equal("Running", (await _node.GetJsonAsync("/api/sagas/approve-1")).GetProperty("status").GetString());
        await WorkerApi.AssertOkAsync(await _worker.HeartbeatAsync(token));

        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(token, new { approvedBy = "grace" }));

        var saga = await _node.ResultAsync("approve-1");
        Assert.Equal("grace", saga.GetProperty("output").GetProperty("approve").GetProperty("approvedBy").GetString());
    }

    [Fact]
    public async Task A_callback_failure_fails_the_step_with_the_sent_error()
    {
        await _node.StartAsync(ActivitySagas.Callback, new { expense = 9000 }, "approve-2");
        var token = await _node.Service<CallbackTokens>().TokenOf("approve-2");

        await WorkerApi.AssertOkAsync(await _worker.FailureAsync(token, "Rejected", "over budget"));

        var saga = await _node.ResultAsync("approve-2");
        Assert.Equal("Compensated", saga.GetProperty("status").GetString());
        Assert.Equal("Rejected", saga.GetProperty("error").GetProperty("error").GetString());
        Assert.Equal("over budget", saga.GetProperty("error").GetProperty("cause").GetString());
    }

    [Theory]
    [InlineData("/api/tasks/success", """{"output":1}""", "taskToken")]
    [InlineData("/api/tasks/heartbeat", """{"taskToken":42}""", "taskToken")]
    [InlineData("/api/tasks/failure", """{"taskToken":"x","error":["E"]}""", "error")]
    [InlineData("/api/tasks/success", """[1,2]""", "body")]
    [InlineData("/api/tasks/success", """{"taskToken":""", "body")]
    [InlineData("/api/activities/charge-card/poll", """{}""", "workerName")]
    [InlineData("/api/activities/charge-card/poll", """{"workerName":"w","waitSeconds":-1}""", "waitSeconds")]
    [InlineData("/api/activities/charge-card/poll", """{"workerName":"w","waitSeconds":301}""", "waitSeconds")]
    [InlineData("/api/activities/charge-card/poll", """{"workerName":"w","waitSeconds":"soon"}""", "waitSeconds")]
    [InlineData("/api/activities/bad%20name!/poll", """{"workerName":"w"}""", "activity")]
    public async Task Bad_worker_requests_get_400_naming_the_field(string path, string body, string field)
    {
        using var response = await _node.PostJsonAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Describing_an_activity_with_a_bad_name_gets_400_naming_it()
    {
        using var response = await _node.Http.GetAsync("/api/activities/bad%20name!");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("activity", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_output_over_the_payload_limit_is_refused_with_413_and_the_task_stays_open()
    {
        await _node.StartAsync(ActivitySagas.Charge, new { amount = 2 }, "charge-large");
        var task = await _worker.NextAsync("charge-card");

        using var tooLarge = await _worker.SuccessAsync(task.Token, new { blob = new string('x', 300 * 1024) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(task.Token, new { receipt = "small" }));
        Assert.Equal("Succeeded", (await _node.ResultAsync("charge-large")).GetProperty("status").GetString());
    }

    /// <summary>Changes one base64url character of a token, keeping it well formed.</summary>
    private static string Tamper(string token, int index)
    {
        var chars = token.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
