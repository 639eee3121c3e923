namespace OrleansSagas.Worker.Internal;

/// <summary>
/// One task being run by this worker. Exactly one party settles it — the handler's result, a refused heartbeat, or the
/// end of the shutdown grace period — and only that party reports (or drops) the task's result.
/// </summary>
internal sealed class TaskRun(ActivityTask task)
{
    // Never disposed: Cancel may race with the end of the run, and a source without timers holds no resources.
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _settled;

    public ActivityTask ActivityTask => task;

    /// <summary>The handler's token: fires when the task is no longer this worker's or the worker gives up on it.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Completes once nothing more will be sent for the task (its result is reported, or dropped).</summary>
    public Task Done => _done.Task;

    /// <summary>True for the one caller that decides what becomes of the task.</summary>
    public bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;

    public void Cancel() => _cancel.Cancel();

    public void Complete() => _done.TrySetResult();
}
