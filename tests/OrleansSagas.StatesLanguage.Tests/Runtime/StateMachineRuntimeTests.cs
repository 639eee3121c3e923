using System.Collections.Concurrent;
using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.StatesLanguage.Tests.Runtime;

public sealed class StateMachineRuntimeTests
{
    private const string ChargeMachine = """
    {
      "StartAt": "Charge",
      "States": {
        "Charge": {
          "Type": "Task",
          "Resource": "handler:charge",
          "Parameters": { "amount.$": "$.amount" },
          "ResultPath": "$.charge",
          "Retry": [ { "ErrorEquals": ["Flaky"], "IntervalSeconds": 10, "MaxAttempts": 3, "BackoffRate": 2.0 } ],
          "Catch": [ { "ErrorEquals": ["Declined"], "ResultPath": "$.error", "Next": "Refused" } ],
          "Next": "Done"
        },
        "Refused": { "Type": "Fail", "Error": "PaymentRefused", "Cause": "The card was declined." },
        "Done": { "Type": "Succeed" }
      }
    }
    """;

    [Fact]
    public async Task A_task_handler_is_retried_on_durable_timers_and_its_result_flows_into_the_output()
    {
        await using var node = await RuntimeNode.StartAsync(b => b.AddTaskHandler<ChargeHandler>("charge"));
        await node.Registry.RegisterAsync("charge", ChargeMachine);
        await node.Client.StartAsync("charge", SagaJson.Parse("""{"amount": 42, "failures": 2}"""), "ok");
        var saga = await node.RunToEndAsync("ok");

        Assert.Equal(SagaStatus.Succeeded, saga.Status);
        Assert.Equal(42, saga.Output!.Value.GetProperty("charge").GetProperty("charged").GetInt32());
        Assert.Equal([1, 2, 3], ChargeHandler.Attempts["ok"].Order());
        var history = await node.Client.GetHistoryAsync("ok");
        Assert.Equal("ExecutionStarted", history[0].Type);
        Assert.Equal(3, history.Count(e => e.Type == "TaskScheduled"));
        Assert.Equal(2, history.Count(e => e.Type == "TaskFailed"));
        Assert.Equal("ExecutionSucceeded", history[^1].Type);
        var backoffs = history.Where(e => e.Type == "TaskFailed")
            .Select(e => e.Data.GetProperty("RetryDueAt").GetDateTimeOffset() - e.Timestamp).ToList();
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], backoffs);
        var scheduled = history.Where(e => e.Type == "TaskScheduled").Select(e => e.Timestamp).ToList();
        Assert.True(scheduled[1] - scheduled[0] >= TimeSpan.FromSeconds(10), "the first retry waited for its durable timer");
    }

    [Fact]
    public async Task A_caught_error_leading_to_a_Fail_state_reports_Failed_with_error_and_cause()
    {
        await using var node = await RuntimeNode.StartAsync(b => b.AddTaskHandler<ChargeHandler>("charge"));
        await node.Registry.RegisterAsync("charge", ChargeMachine);
        await node.Client.StartAsync("charge", SagaJson.Parse("""{"amount": 7, "declined": true}"""), "declined");
        var saga = await node.RunToEndAsync("declined");

        Assert.Equal(SagaStatus.Failed, saga.Status);
        Assert.Equal(new SagaError("PaymentRefused", "The card was declined."), saga.Error);
    }

    [Fact]
    public async Task A_task_whose_handler_is_missing_fails_the_execution_with_a_clear_cause()
    {
        await using var node = await RuntimeNode.StartAsync();
        await node.Registry.RegisterAsync("charge", ChargeMachine);
        await node.Client.StartAsync("charge", SagaJson.Parse("""{"amount": 1}"""), "missing");
        var saga = await node.RunToEndAsync("missing");

        Assert.Equal(SagaStatus.Failed, saga.Status);
        Assert.Contains("No task handler named 'charge'", saga.Error!.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_execution_keeps_the_version_it_started_with()
    {
        await using var node = await RuntimeNode.StartAsync();
        var v1 = await node.Registry.RegisterAsync("versioned", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"P"},"P":{"Type":"Pass","Result":"v1","End":true}}}""");
        await node.Client.StartAsync("versioned", SagaJson.Parse("{}"), "old");
        var v2 = await node.Registry.RegisterAsync("versioned", """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v2","End":true}}}""");
        var unchanged = await node.Registry.RegisterAsync("versioned", """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v2","End":true}}}""");
        await node.Client.StartAsync("versioned", SagaJson.Parse("{}"), "new");

        Assert.Equal((1, true), (v1.Record!.Version, v1.Created));
        Assert.Equal((2, true), (v2.Record!.Version, v2.Created));
        Assert.Equal((2, false), (unchanged.Record!.Version, unchanged.Created));
        Assert.Equal("v1", (await node.RunToEndAsync("old")).Output!.Value.GetString());
        Assert.Equal("v2", (await node.RunToEndAsync("new")).Output!.Value.GetString());
        Assert.Equal(1, (await node.Client.DescribeAsync("old")).Version);
    }

    [Fact]
    public async Task An_invalid_definition_is_rejected_with_every_problem_and_its_path()
    {
        await using var node = await RuntimeNode.StartAsync();
        var registration = await node.Registry.RegisterAsync("broken", """{"StartAt":"Nope","States":{"A":{"Type":"Pass","Next":"Missing"}}}""");

        Assert.False(registration.IsValid);
        Assert.Null(registration.Record);
        Assert.True(registration.Problems.Count >= 2, string.Join("; ", registration.Problems));
        Assert.Contains(registration.Problems, p => p.Path.Contains("StartAt", StringComparison.Ordinal));
        Assert.Contains(registration.Problems, p => p.Path.Contains("$.States.A", StringComparison.Ordinal));
        Assert.Null(await node.Registry.GetRecordAsync("broken", null));
    }

    [Fact]
    public async Task A_JSONata_definition_runs_and_a_bad_expression_is_rejected_with_its_path()
    {
        await using var node = await RuntimeNode.StartAsync();
        var registration = await node.Registry.RegisterAsync("jsonata", """
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% {'total': $sum($states.input.items.price)} %}","End":true}}}
            """);
        Assert.True(registration.IsValid, string.Join("; ", registration.Problems));
        await node.Client.StartAsync("jsonata", SagaJson.Parse("""{"items":[{"price":2},{"price":3.5}]}"""), "j1");
        var saga = await node.RunToEndAsync("j1");
        Assert.Equal(SagaStatus.Succeeded, saga.Status);
        Assert.Equal(5.5, saga.Output!.Value.GetProperty("total").GetDouble());

        var broken = await node.Registry.RegisterAsync("jsonata-broken", """
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $sum( %}","InputPath":"$.x","End":true}}}
            """);
        Assert.False(broken.IsValid);
        Assert.Contains(broken.Problems, p => p.Path.Contains("$.States.P", StringComparison.Ordinal));
        Assert.True(broken.Problems.Count >= 2, string.Join("; ", broken.Problems));
    }

    [Fact]
    public async Task A_hostile_JSONata_expression_fails_its_execution_and_the_silo_keeps_serving()
    {
        await using var node = await RuntimeNode.StartAsync();
        var registration = await node.Registry.RegisterAsync("hostile", """
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% ($f := function($n) { $f($n + 1) + 1 }; $f(0)) %}","End":true}}}
            """);
        Assert.True(registration.IsValid, string.Join("; ", registration.Problems));
        await node.Registry.RegisterAsync("fine", """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% 6 * 7 %}","End":true}}}""");

        await node.Client.StartAsync("hostile", SagaJson.Parse("{}"), "h1");
        var failed = await node.RunToEndAsync("h1");
        Assert.Equal(SagaStatus.Failed, failed.Status);
        Assert.Equal("States.QueryEvaluationError", failed.Error?.Error);

        await node.Client.StartAsync("fine", SagaJson.Parse("{}"), "f1");
        var fine = await node.RunToEndAsync("f1");
        Assert.Equal(42, fine.Output!.Value.GetInt32());
    }

    private const string HeartbeatMachine = """
    {
      "StartAt": "Work",
      "States": { "Work": { "Type": "Task", "Resource": "handler:slow", "HeartbeatSeconds": 10, "TimeoutSeconds": 600, "End": true } }
    }
    """;

    [Fact]
    public async Task A_handler_that_sends_heartbeats_outlives_HeartbeatSeconds_and_one_that_does_not_times_out()
    {
        await using var node = await RuntimeNode.StartAsync(b => b.AddTaskHandler<SlowHandler>("slow"));
        await node.Registry.RegisterAsync("slow", HeartbeatMachine);
        var beating = SlowHandler.For("beating");
        await node.Client.StartAsync("slow", SagaJson.Parse("{}"), "beating");
        await beating.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var beat = 0; beat < 3; beat++)
        {
            await beating.BeatAsync().WaitAsync(TimeSpan.FromSeconds(30));
            node.Time.Advance(TimeSpan.FromSeconds(8));
        }
        Assert.Equal(SagaStatus.Running, (await node.Client.DescribeAsync("beating")).Status);
        beating.Finish.SetResult();
        var done = await node.Client.WaitAsync("beating", TimeSpan.FromSeconds(30));
        Assert.Equal(SagaStatus.Succeeded, done.Status);

        var silent = SlowHandler.For("silent");
        await node.Client.StartAsync("slow", SagaJson.Parse("{}"), "silent");
        await silent.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        node.Time.Advance(TimeSpan.FromSeconds(11));
        var timedOut = await node.Client.WaitAsync("silent", TimeSpan.FromSeconds(30));
        Assert.Equal(SagaStatus.Failed, timedOut.Status);
        Assert.Equal("States.HeartbeatTimeout", timedOut.Error?.Error);
        silent.Finish.SetResult();
    }

    /// <summary>A task that runs until the test finishes it, sending a heartbeat whenever the test asks.</summary>
    private sealed class SlowHandler : IStateMachineTaskHandler
    {
        private static readonly ConcurrentDictionary<string, SlowHandler> Runs = new();
        private readonly System.Threading.Channels.Channel<TaskCompletionSource> _beats = System.Threading.Channels.Channel.CreateUnbounded<TaskCompletionSource>();

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static SlowHandler For(string sagaId) => Runs.GetOrAdd(sagaId, _ => new SlowHandler());

        /// <summary>Asks the running task for a heartbeat; completes once the saga has recorded it.</summary>
        public Task BeatAsync()
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _beats.Writer.TryWrite(done);
            return done.Task;
        }

        public async Task<JsonElement> InvokeAsync(JsonElement input, StepContext context)
        {
            var run = For(context.SagaId);
            run.Started.TrySetResult();
            while (!run.Finish.Task.IsCompleted)
            {
                var beat = run._beats.Reader.ReadAsync(context.CancellationToken).AsTask();
                if (await Task.WhenAny(beat, run.Finish.Task) != beat) break;
                await context.HeartbeatAsync();
                (await beat).SetResult();
            }
            return SagaJson.Parse("""{"worked":true}""");
        }
    }

    private sealed class ChargeHandler : IStateMachineTaskHandler
    {
        public static ConcurrentDictionary<string, ConcurrentBag<int>> Attempts { get; } = new();

        public Task<JsonElement> InvokeAsync(JsonElement input, StepContext context)
        {
            var sagaId = context.SagaId;
            var attempts = Attempts.GetOrAdd(sagaId, _ => []);
            attempts.Add(context.Attempt);
            var execution = sagaId == "declined" ? "declined" : "ok";
            if (execution == "declined") throw new StepFailedException("Declined", "Card declined.");
            if (attempts.Count <= 2) throw new StepFailedException("Flaky", $"Attempt {attempts.Count} failed.");
            return Task.FromResult(SagaJson.ToElement(new { charged = input.GetProperty("amount").GetInt32() }));
        }
    }
}
