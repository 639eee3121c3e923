using System.Net.Http.Json;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.SiloProcesses;

/// <summary>The real silo process killed with SIGKILL at the worst moments, then restarted on the same SQLite file.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_saga_in_a_durable_wait_survives_kill_9_and_completes_after_restart()
    {
        DateTimeOffset killedAt;
        using (var silo = await SiloProcess.StartAsync(_directory.Path))
        {
            await StartTripAsync(silo, "crash-wait", new { customer = "kim", amount = 7, from = "CPH", to = "ARN", delaySeconds = 5 });
            await Eventually.True(async () => StepStatus(await DescribeAsync(silo, "crash-wait"), "wait") == "Running", "the trip is in its durable wait");
            killedAt = DateTimeOffset.UtcNow;
            silo.Kill();
            Assert.True(silo.HasExited);
        }

        using var restarted = await SiloProcess.StartAsync(_directory.Path);
        var saga = await ResultAsync(restarted, "crash-wait");

        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        var history = await GetAsync(restarted, "/api/sagas/crash-wait/history");
        var waitDone = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "NodeSucceeded" && e.GetProperty("data").GetProperty("node").GetString() == "wait");
        Assert.True(waitDone.GetProperty("timestamp").GetDateTimeOffset() > killedAt, "the wait ended after the kill, in the restarted process");
        Assert.Equal(1, restarted.Steps.Count("crash-wait/notify-customer"));
    }

    [Fact]
    public async Task A_step_running_at_kill_9_runs_again_after_restart_with_the_same_idempotency_key()
    {
        using (var silo = await SiloProcess.StartAsync(_directory.Path))
        {
            await StartTripAsync(silo, "crash-step", new { customer = "lee", amount = 8, from = "HEL", to = "TLL", holdAt = "book-hotel" });
            await Eventually.True(() => silo.Steps.Count("crash-step/book-hotel") == 1, "book-hotel is running");
            silo.Kill();
        }

        using var restarted = await SiloProcess.StartAsync(_directory.Path);
        await Eventually.True(() => restarted.Steps.Count("crash-step/book-hotel") == 2, "book-hotel runs again after the restart");
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "crash-step.release"), "go");
        var saga = await ResultAsync(restarted, "crash-step");

        Assert.Equal("Succeeded", saga.GetProperty("status").GetString());
        var runs = restarted.Steps.Entries().Where(e => e.Key == "crash-step/book-hotel").ToList();
        Assert.Equal([("crash-step/book-hotel", 1), ("crash-step/book-hotel", 1)], runs);
        var hotel = saga.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "book-hotel");
        Assert.Equal(1, hotel.GetProperty("attempts").GetInt32());
        // Steps that had completed before the kill did not run again.
        Assert.Equal(1, restarted.Steps.Count("crash-step/process-payment"));
    }

    private static async Task StartTripAsync(SiloProcess silo, string id, object input)
    {
        using var response = await silo.Http.PostAsJsonAsync("/api/sagas", new { definition = "travel-booking", id, input }, SagaJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<JsonElement> DescribeAsync(SiloProcess silo, string id) => GetAsync(silo, $"/api/sagas/{id}");

    private static Task<JsonElement> ResultAsync(SiloProcess silo, string id) => GetAsync(silo, $"/api/sagas/{id}/result?waitSeconds=30");

    private static async Task<JsonElement> GetAsync(SiloProcess silo, string path)
    {
        using var response = await silo.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{silo.Output}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string? StepStatus(JsonElement saga, string step) =>
        saga.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == step).GetProperty("status").GetString();
}
