using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.Activities;

/// <summary>The worker API as a worker in any language calls it: plain HTTP and JSON.</summary>
public sealed class WorkerApi(HttpClient http)
{
    public WorkerApi(HttpTestNode node) : this(node.Http)
    {
    }

    /// <summary>Polls once; the task (token and input), or null on 204.</summary>
    public async Task<(string Token, JsonElement Input)?> PollAsync(string activity, double waitSeconds = 10, string worker = "test-worker")
    {
        using var response = await http.PostAsJsonAsync($"/api/activities/{activity}/poll", new { workerName = worker, waitSeconds });
        if (response.StatusCode == HttpStatusCode.NoContent) return null;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"poll answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("taskToken").GetString()!, body.GetProperty("input").Clone());
    }

    /// <summary>Polls until a task arrives (each poll long-waits), within a deadline.</summary>
    public async Task<(string Token, JsonElement Input)> NextAsync(string activity, string worker = "test-worker")
    {
        var until = DateTime.UtcNow + Eventually.DefaultDeadline;
        while (DateTime.UtcNow < until)
        {
            if (await PollAsync(activity, 5, worker) is { } task) return task;
        }
        throw new TimeoutException($"No task of '{activity}' arrived within {Eventually.DefaultDeadline}.");
    }

    public Task<HttpResponseMessage> SuccessAsync(string token, object? output = null) =>
        http.PostAsJsonAsync("/api/tasks/success", new { taskToken = token, output });

    public Task<HttpResponseMessage> FailureAsync(string token, string error, string cause) =>
        http.PostAsJsonAsync("/api/tasks/failure", new { taskToken = token, error, cause });

    public Task<HttpResponseMessage> HeartbeatAsync(string token) =>
        http.PostAsJsonAsync("/api/tasks/heartbeat", new { taskToken = token });

    /// <summary>Asserts a refusal: its status, and the error and reason its problem body names.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string error, string reason)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal(error, problem.GetProperty("error").GetString());
            Assert.Equal(reason, problem.GetProperty("reason").GetString());
            Assert.Equal("taskToken", problem.GetProperty("field").GetString());
        }
    }

    public static async Task AssertOkAsync(HttpResponseMessage response)
    {
        using (response)
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
