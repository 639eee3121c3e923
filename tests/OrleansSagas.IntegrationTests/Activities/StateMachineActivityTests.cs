using System.Net;
using System.Text;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.Activities;

/// <summary>State machine Tasks on activities (by ARN or "activity:") and with ".waitForTaskToken", through the HTTP API.</summary>
public sealed class StateMachineActivityTests : IAsyncLifetime
{
    private const string Machine = """
    {
      "StartAt": "Charge",
      "States": {
        "Charge": {
          "Type": "Task",
          "Resource": "arn:aws:states:eu-west-1:123456789012:activity:asl-charge",
          "HeartbeatSeconds": 1,
          "Retry": [ { "ErrorEquals": ["States.HeartbeatTimeout"], "MaxAttempts": 2, "IntervalSeconds": 1 } ],
          "Catch": [ { "ErrorEquals": ["CardDeclined"], "ResultPath": "$.declined", "Next": "Declined" } ],
          "ResultPath": "$.charge",
          "Next": "Approve"
        },
        "Approve": {
          "Type": "Task",
          "Resource": "handler:publish.waitForTaskToken",
          "Parameters": { "token.$": "$$.Task.Token", "amount.$": "$.amount" },
          "TimeoutSeconds": 300,
          "ResultPath": "$.approval",
          "End": true
        },
        "Declined": { "Type": "Fail", "Error": "Declined", "Cause": "The card was declined." }
      }
    }
    """;

    private HttpTestNode _node = null!;
    private WorkerApi _worker = null!;

    public async Task InitializeAsync()
    {
        _node = await HttpTestNode.StartAsync(s => s.AddActivitySagas());
        _worker = new WorkerApi(_node);
        using var put = await _node.Http.PutAsync("/api/definitions/asl-order", new StringContent(Machine, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task An_activity_task_and_a_callback_task_complete_with_their_tokens()
    {
        await _node.StartAsync("asl-order", new { amount = 30 }, "asl-1");
        var charge = await _worker.NextAsync("asl-charge");
        Assert.Equal(30, charge.Input.GetProperty("amount").GetInt32());
        await WorkerApi.AssertOkAsync(await _worker.HeartbeatAsync(charge.Token));
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(charge.Token, new { receipt = "r-9" }));

        var approval = await _node.Service<CallbackTokens>().TokenOf("asl-1");
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(approval, new { by = "ops" }));

        var saga = await _node.ResultAsync("asl-1");
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        var output = saga.GetProperty("output");
        Assert.Equal("r-9", output.GetProperty("charge").GetProperty("receipt").GetString());
        Assert.Equal("ops", output.GetProperty("approval").GetProperty("by").GetString());
    }

    [Fact]
    public async Task A_silent_worker_times_out_with_States_HeartbeatTimeout_the_Retry_applies_and_its_late_report_gets_410()
    {
        await _node.StartAsync("asl-order", new { amount = 10 }, "asl-2");
        var silent = await _worker.NextAsync("asl-charge");

        var retried = await _worker.NextAsync("asl-charge");
        await WorkerApi.AssertRefusedAsync(await _worker.SuccessAsync(silent.Token, new { late = true }), HttpStatusCode.Gone, "TaskTimedOut", "timedOut");
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(retried.Token, new { receipt = "r-10" }));
        await WorkerApi.AssertOkAsync(await _worker.SuccessAsync(await _node.Service<CallbackTokens>().TokenOf("asl-2"), new { by = "ops" }));

        Assert.Equal("Succeeded", (await _node.ResultAsync("asl-2")).GetProperty("status").GetString());
        var history = await _node.GetJsonAsync("/api/sagas/asl-2/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetRawText().Contains("TaskTimedOut", StringComparison.Ordinal)
            && e.GetRawText().Contains("States.HeartbeatTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_that_timed_out_while_queued_is_dropped_instead_of_handed_to_a_worker()
    {
        const string hurried = """{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"activity:hurried","TimeoutSeconds":1,"End":true}}}""";
        using (var put = await _node.Http.PutAsync("/api/definitions/hurried", new StringContent(hurried, Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await _node.StartAsync("hurried", new { n = 1 }, "hurried-1");

        // Nobody polls within the second: the execution times out.
        var saga = await _node.ResultAsync("hurried-1");
        Assert.Equal("Failed", saga.GetProperty("status").GetString());
        Assert.Equal("States.Timeout", saga.GetProperty("error").GetProperty("error").GetString());
        Assert.Null(await _worker.PollAsync("hurried", waitSeconds: 0));
    }

    [Fact]
    public async Task A_failure_sent_by_the_worker_is_caught_by_the_states_Catch()
    {
        await _node.StartAsync("asl-order", new { amount = 99 }, "asl-3");
        var charge = await _worker.NextAsync("asl-charge");

        await WorkerApi.AssertOkAsync(await _worker.FailureAsync(charge.Token, "CardDeclined", "no funds"));

        var saga = await _node.ResultAsync("asl-3");
        Assert.Equal("Failed", saga.GetProperty("status").GetString());
        Assert.Equal("Declined", saga.GetProperty("error").GetProperty("error").GetString());
    }
}
