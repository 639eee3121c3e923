using System.Collections.Concurrent;
using System.Text.Json;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>One task of <see cref="FakeActivityServer"/>: what the worker got, and every call the worker made about it.</summary>
public sealed class FakeTask(string token, string activity, JsonElement input)
{
    private readonly TaskCompletionSource<JsonElement> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _heartbeats;

    public string Token => token;
    public string Activity => activity;
    public JsonElement Input => input;

    /// <summary>The worker that polled it (null while queued).</summary>
    public string? Worker { get; internal set; }

    /// <summary>Queued, Running, Succeeded, Failed or TimedOut.</summary>
    public string State { get; internal set; } = "Queued";

    /// <summary>The body of the success or failure the server accepted, with a "kind" member added ("success" or "failure").</summary>
    public Task<JsonElement> Result => _result.Task;

    /// <summary>Heartbeats accepted so far.</summary>
    public int Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>Every call the worker made for this task, in order ("heartbeat", "success", "failure"), including refused ones.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    internal void CountHeartbeat() => Interlocked.Increment(ref _heartbeats);

    internal void Complete(JsonElement body) => _result.TrySetResult(body);
}
