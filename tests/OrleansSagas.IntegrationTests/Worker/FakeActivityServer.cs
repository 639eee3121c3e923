using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>
/// The server side of the worker contract, in memory, on Kestrel at 127.0.0.1: long polls on per-activity queues, success,
/// failure and heartbeat with the contract's problem+json refusals, and switches to make it refuse or fail on demand.
/// </summary>
public sealed class FakeActivityServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Channel<FakeTask>> _queues = new();
    private readonly ConcurrentDictionary<string, FakeTask> _tasks = new();
    private readonly ConcurrentDictionary<string, int> _polls = new();
    private readonly ConcurrentDictionary<string, int> _pollsOpen = new();
    private int _failNextPolls;
    private int _failNextReports;
    private int _failNextHeartbeats;

    private FakeActivityServer(WebApplication app)
    {
        _app = app;
        app.MapPost("/api/activities/{name}/poll", PollAsync);
        app.MapPost("/api/tasks/success", (JsonObject body) => Complete(body, "success"));
        app.MapPost("/api/tasks/failure", (JsonObject body) => Complete(body, "failure"));
        app.MapPost("/api/tasks/heartbeat", Heartbeat);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the server on <paramref name="port"/> (0: any free port).</summary>
    public static async Task<FakeActivityServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var server = new FakeActivityServer(builder.Build());
        await server._app.StartAsync();
        server.BaseAddress = new Uri(server._app.Urls.Single());
        return server;
    }

    /// <summary>Queues a task of <paramref name="activity"/> with <paramref name="input"/> (serialized camelCase).</summary>
    public FakeTask Enqueue(string activity, object? input)
    {
        var task = new FakeTask($"token-{Guid.NewGuid():N}", activity, JsonSerializer.SerializeToElement(input, JsonSerializerOptions.Web));
        _tasks[task.Token] = task;
        Queue(activity).Writer.TryWrite(task);
        return task;
    }

    /// <summary>Polls of <paramref name="activity"/> received so far (503 answers included).</summary>
    public int Polls(string activity) => _polls.GetValueOrDefault(activity);

    /// <summary>Polls of <paramref name="activity"/> waiting for a task right now.</summary>
    public int PollsOpen(string activity) => _pollsOpen.GetValueOrDefault(activity);

    /// <summary>Tasks of <paramref name="activity"/> still queued.</summary>
    public int Queued(string activity) => Queue(activity).Reader.Count;

    /// <summary>Answers the next <paramref name="count"/> polls with 503.</summary>
    public void FailNextPolls(int count) => Volatile.Write(ref _failNextPolls, count);

    /// <summary>Answers the next <paramref name="count"/> success or failure reports with 503 (without recording them).</summary>
    public void FailNextReports(int count) => Volatile.Write(ref _failNextReports, count);

    /// <summary>Answers the next <paramref name="count"/> heartbeats with 503 (without counting them).</summary>
    public void FailNextHeartbeats(int count) => Volatile.Write(ref _failNextHeartbeats, count);

    /// <summary>Times the task out: its heartbeats and reports are answered 410 TaskTimedOut from now on.</summary>
    public void TimeOut(FakeTask task) => task.State = "TimedOut";

    /// <summary>Completes the task as if another worker had: its heartbeats and reports are answered 409 TaskAlreadyCompleted from now on.</summary>
    public void CompleteElsewhere(FakeTask task) => task.State = "Succeeded";

    private Channel<FakeTask> Queue(string activity) => _queues.GetOrAdd(activity, _ => Channel.CreateUnbounded<FakeTask>());

    private async Task<IResult> PollAsync(string name, JsonObject body, HttpContext http)
    {
        _polls.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (TryTake(ref _failNextPolls)) return Problem(503, "ServiceUnavailable", "Try again later.");
        var wait = body["waitSeconds"]?.GetValue<int>() ?? 60;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(wait));
        _pollsOpen.AddOrUpdate(name, 1, (_, n) => n + 1);
        try
        {
            var task = await Queue(name).Reader.ReadAsync(timeout.Token);
            task.Worker = body["workerName"]?.GetValue<string>();
            task.State = "Running";
            return Results.Json(new { taskToken = task.Token, input = task.Input });
        }
        catch (OperationCanceledException)
        {
            return Results.NoContent();
        }
        finally
        {
            _pollsOpen.AddOrUpdate(name, 0, (_, n) => n - 1);
        }
    }

    private IResult Complete(JsonObject body, string kind)
    {
        var (task, refusal) = Find(body);
        task?.Calls.Enqueue(kind);
        if (refusal is not null) return refusal;
        if (TryTake(ref _failNextReports)) return Problem(503, "ServiceUnavailable", "Try again later.");
        task!.State = kind == "success" ? "Succeeded" : "Failed";
        body["kind"] = kind;
        task.Complete(JsonSerializer.SerializeToElement(body));
        return Results.Json(new { });
    }

    private IResult Heartbeat(JsonObject body)
    {
        var (task, refusal) = Find(body);
        task?.Calls.Enqueue("heartbeat");
        if (refusal is not null) return refusal;
        if (TryTake(ref _failNextHeartbeats)) return Problem(503, "ServiceUnavailable", "Try again later.");
        task!.CountHeartbeat();
        return Results.Json(new { });
    }

    private (FakeTask? Task, IResult? Refusal) Find(JsonObject body)
    {
        var token = body["taskToken"]?.GetValue<string>();
        if (token is null || !token.StartsWith("token-", StringComparison.Ordinal))
            return (null, Problem(400, "InvalidToken", "The task token is malformed."));
        if (!_tasks.TryGetValue(token, out var task)) return (null, Problem(404, "TaskDoesNotExist", "No such task."));
        return task.State switch
        {
            "TimedOut" => (task, Problem(410, "TaskTimedOut", "The task timed out.")),
            "Succeeded" or "Failed" => (task, Problem(409, "TaskAlreadyCompleted", "The task is already completed.")),
            _ => (task, null),
        };
    }

    private static bool TryTake(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left) return true;
        }
    }

    private static IResult Problem(int status, string error, string detail) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["error"] = error });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
