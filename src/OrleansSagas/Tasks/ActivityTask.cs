using System.Text.Json;

namespace OrleansSagas.Tasks;

/// <summary>A task handed to a worker: the token to report with, and the input to work on.</summary>
/// <param name="TaskToken">Opaque; send it back with success, failure or heartbeats.</param>
/// <param name="Input">The task input.</param>
public sealed record ActivityTask(string TaskToken, JsonElement Input)
{
    /// <summary>When the task was put on the activity's queue (how long it waited shows whether workers keep up).</summary>
    public DateTimeOffset? EnqueuedAt { get; init; }
}
