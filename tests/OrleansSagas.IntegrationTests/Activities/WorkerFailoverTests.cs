using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.IntegrationTests.SiloProcesses;
using OrleansSagas.IntegrationTests.Worker;
using OrleansSagas.Silo.Samples.OrderFulfilment;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.Activities;

/// <summary>Real processes killed with SIGKILL: a worker in the middle of a task, and the silo holding a saga that waits for a callback.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class WorkerFailoverTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private const string ChargeMachine = """
    {
      "StartAt": "Charge",
      "States": {
        "Charge": {
          "Type": "Task",
          "Resource": "activity:charge-card",
          "HeartbeatSeconds": 3,
          "Retry": [ { "ErrorEquals": ["States.HeartbeatTimeout", "Worker.Shutdown"], "MaxAttempts": 2, "IntervalSeconds": 1 } ],
          "End": true
        }
      }
    }
    """;

    [Fact]
    public async Task A_worker_killed_mid_task_times_out_on_heartbeats_and_another_worker_finishes_the_retry()
    {
        await using var node = await StartWithChargeMachineAsync();
        using var doomed = await WorkerSampleProcess.StartAsync(node.BaseAddress, "w-doomed", 1, "--Worker:HeartbeatSeconds", "0.5");
        await node.StartAsync("charge-order", new { customer = "ada", amount = 25, sleepMs = 600_000, slowWorker = "w-doomed" }, "order-kill");

        // The doomed worker holds the task and keeps it alive with heartbeats past the 3 s HeartbeatSeconds.
        await doomed.WaitForOutputAsync("task started", Deadline);
        await Eventually.True(async () => (await node.GetJsonAsync("/api/sagas/order-kill/history")).EnumerateArray()
            .Count(e => e.GetProperty("type").GetString() == "TaskHeartbeat") >= 8, "heartbeats keep the task alive for 4 s", Deadline);
        doomed.Kill();
        using var rescuer = await WorkerSampleProcess.StartAsync(node.BaseAddress, "w-rescue", 1, "--Worker:HeartbeatSeconds", "0.5");

        var saga = await node.ResultAsync("order-kill", waitSeconds: 60);
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal("w-rescue", saga.GetProperty("output").GetProperty("worker").GetString());
        var history = (await node.GetJsonAsync("/api/sagas/order-kill/history")).EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Single(history, e => e.Contains("\"TaskTimedOut\"", StringComparison.Ordinal) && e.Contains("States.HeartbeatTimeout", StringComparison.Ordinal));
        Assert.Equal(2, history.Count(e => e.Contains("\"TaskScheduled\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_worker_stopped_gracefully_hands_its_unfinished_task_back_and_the_retry_goes_to_another_worker()
    {
        await using var node = await StartWithChargeMachineAsync();
        using var leaving = await WorkerSampleProcess.StartAsync(node.BaseAddress, "w-leaving", 1, "--Worker:ShutdownGraceSeconds", "1");
        await node.StartAsync("charge-order", new { customer = "bo", amount = 12, sleepMs = 600_000, slowWorker = "w-leaving" }, "order-leave");
        await leaving.WaitForOutputAsync("task started", Deadline);

        leaving.Terminate();
        await leaving.WaitForExitAsync(Deadline);
        Assert.Equal(0, leaving.ExitCode);
        using var rescuer = await WorkerSampleProcess.StartAsync(node.BaseAddress, "w-rescue", 1);

        var saga = await node.ResultAsync("order-leave", waitSeconds: 60);
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal("w-rescue", saga.GetProperty("output").GetProperty("worker").GetString());
        var history = (await node.GetJsonAsync("/api/sagas/order-leave/history")).EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Single(history, e => e.Contains("\"TaskFailed\"", StringComparison.Ordinal) && e.Contains("Worker.Shutdown", StringComparison.Ordinal));
        Assert.DoesNotContain(history, e => e.Contains("States.HeartbeatTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_survives_SIGKILL_of_the_silo_holding_its_saga_and_completes_through_another_silo()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        await using var cluster = await PostgresSiloCluster.StartAsync(await server.CreateDatabaseAsync("callback"), silos: 2);
        var worker = new WorkerApi(cluster.Silos[0].Http);
        using (var start = await cluster.Silos[0].Http.PostAsJsonAsync("/api/sagas",
            new { definition = OrderFulfilmentSaga.Name, id = "order-cb", input = new { customer = "ada", amount = 30 } }))
            Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var charge = await worker.NextAsync(OrderFulfilmentSaga.ChargeActivity);
        await WorkerApi.AssertOkAsync(await worker.SuccessAsync(charge.Token, new { chargeId = "ch-1" }));

        // The ship step hands its token out from the silo that holds the saga; that silo is killed.
        var (holder, token) = await ShipTokenAsync(cluster);
        holder.Kill();
        var survivor = cluster.Silos.Single(s => s != holder);
        Assert.Equal("Running", await StatusAsync(survivor, "order-cb"));

        // Later, the warehouse reports to the survivor: the token verifies there and the saga, reloaded from PostgreSQL, finishes.
        await Eventually.True(async () =>
        {
            using var response = await new WorkerApi(survivor.Http).SuccessAsync(token, new { trackingNumber = "TRK-1" });
            // 503 while the cluster still takes the dead silo for alive; then 200.
            return response.StatusCode == HttpStatusCode.OK;
        }, "the survivor accepts the callback", Deadline, every: TimeSpan.FromMilliseconds(250));

        using var result = await survivor.Http.GetAsync("/api/sagas/order-cb/result?waitSeconds=30");
        var saga = await result.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        Assert.Equal("TRK-1", saga.GetProperty("output").GetProperty("trackingNumber").GetString());
        await WorkerApi.AssertRefusedAsync(await new WorkerApi(survivor.Http).SuccessAsync(token, new { again = true }), HttpStatusCode.Conflict, "TaskAlreadyCompleted", "alreadyCompleted");
    }

    /// <summary>A silo with the "charge-order" machine: one activity Task, HeartbeatSeconds 3, retried on heartbeat timeouts and worker shutdowns.</summary>
    private static async Task<HttpTestNode> StartWithChargeMachineAsync()
    {
        var node = await HttpTestNode.StartAsync();
        using var put = await node.Http.PutAsync("/api/definitions/charge-order", new StringContent(ChargeMachine, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return node;
    }

    private static async Task<(SiloProcess Holder, string Token)> ShipTokenAsync(PostgresSiloCluster cluster)
    {
        SiloProcess? holder = null;
        await Eventually.True(() =>
        {
            holder = cluster.Silos.FirstOrDefault(s => File.Exists(Path.Combine(s.Directory, "order-cb.ship-token")));
            return holder is not null;
        }, "the ship step hands out its token", Deadline);
        return (holder!, (await File.ReadAllTextAsync(Path.Combine(holder!.Directory, "order-cb.ship-token"))).Trim());
    }

    private static async Task<string?> StatusAsync(SiloProcess silo, string id)
    {
        string? status = null;
        await Eventually.True(async () =>
        {
            using var response = await silo.Http.GetAsync($"/api/sagas/{id}");
            if (!response.IsSuccessStatusCode) return false;
            status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
            return true;
        }, $"{id} can be described", Deadline, every: TimeSpan.FromMilliseconds(250));
        return status;
    }
}
