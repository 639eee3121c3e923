namespace OrleansSagas.Worker;

/// <summary>What a handler knows about the task it runs, and how it tells the server it is still working on it.</summary>
public sealed class ActivityContext
{
    private readonly Func<CancellationToken, Task>? _heartbeat;

    /// <summary>
    /// Creates a context. The worker creates one per task; create your own to call a handler in a unit test
    /// (<paramref name="heartbeat"/> is what <see cref="HeartbeatAsync"/> does; by default nothing).
    /// </summary>
    public ActivityContext(string taskToken, string activityName, string workerName, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? heartbeat = null)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        ArgumentNullException.ThrowIfNull(activityName);
        ArgumentNullException.ThrowIfNull(workerName);
        TaskToken = taskToken;
        ActivityName = activityName;
        WorkerName = workerName;
        CancellationToken = cancellationToken;
        _heartbeat = heartbeat;
    }

    /// <summary>The opaque token of this task attempt (a retry of the same step gets a new one).</summary>
    public string TaskToken { get; }

    /// <summary>The activity the task belongs to, e.g. <c>charge-card</c>.</summary>
    public string ActivityName { get; }

    /// <summary>The name this worker polls under.</summary>
    public string WorkerName { get; }

    /// <summary>
    /// Fires when the task is no longer this worker's (a heartbeat was refused: the task timed out, was superseded or
    /// completed elsewhere) or when the worker shuts down and the grace period is over. No result is reported after it fired.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Sends a heartbeat now, on top of the automatic ones (useful before a step that may outlast the heartbeat interval
    /// without yielding). A transient failure to reach the server is logged and ignored.
    /// </summary>
    /// <exception cref="OperationCanceledException">The server refused the heartbeat: the task is no longer this worker's and <see cref="CancellationToken"/> has fired.</exception>
    public Task HeartbeatAsync() => _heartbeat is null ? Task.CompletedTask : _heartbeat(CancellationToken);
}
