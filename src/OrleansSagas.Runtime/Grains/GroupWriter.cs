namespace OrleansSagas.Grains;

/// <summary>
/// Groups the writes of a reentrant grain: a write requested while one is in flight waits for the next one, and every
/// request made before that next write starts shares it. One write at a time, so grain storage's ETag never races itself.
/// Runs on the grain's scheduler (awaits continue in the grain's turns).
/// </summary>
internal sealed class GroupWriter(Func<Task> write)
{
    private Task _current = Task.CompletedTask;
    private TaskCompletionSource? _next;

    /// <summary>Completes once a write that started after this call has finished, carrying every change made until then.</summary>
    public Task WriteAsync()
    {
        if (_next is { } waiting) return waiting.Task;
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _next = next;
        _ = RunAsync(next);
        return next.Task;
    }

    private async Task RunAsync(TaskCompletionSource next)
    {
        try
        {
            await _current.ConfigureAwait(true);
        }
        catch
        {
            // The previous write's callers saw its failure; this write carries their changes again.
        }
        // From here on, new requests need a later write: this one may already have serialized the state.
        _next = null;
        var current = write();
        _current = current;
        try
        {
            await current.ConfigureAwait(true);
            next.SetResult();
        }
        catch (Exception e)
        {
            next.SetException(e);
        }
    }
}
