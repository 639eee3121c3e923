using OrleansSagas.Grains;
using OrleansSagas.Hosting;

namespace OrleansSagas.Activities;

/// <summary>
/// A shard of an activity's queue. Tasks are written through grain storage before an enqueue returns, so a silo crash
/// loses none; a poll waiting here gets a task handed over in memory the moment it arrives (no database polling).
/// Reentrant so waiting polls do not block enqueues; writes are grouped so concurrent changes share one write.
/// </summary>
[Orleans.Concurrency.Reentrant]
internal sealed class ActivityQueueGrain(
    [PersistentState("activity-queue", SagaStorageNames.Default)] IPersistentState<ActivityQueueState> store,
    SagaClock clock) : Grain, IActivityQueueGrain
{
    private readonly LinkedList<(Guid PollId, TaskCompletionSource<QueuedTask?> Waiter)> _polls = new();
    private readonly GroupWriter _writer = new(() => store.WriteStateAsync());

    /// <summary>Polls cancelled before their wait arrived here (calls race): they must not wait at all.</summary>
    private readonly Dictionary<Guid, DateTimeOffset> _cancelled = [];

    private List<QueuedTask> Pending => store.State.Pending;

    public async Task EnqueueAsync(QueuedTask task)
    {
        if (Pending.Exists(t => t.Key == task.Key)) return;
        if (HandToWaitingPoll(task)) return;
        Pending.Add(task);
        await _writer.WriteAsync().ConfigureAwait(true);
    }

    public async Task<QueuedTask?> TakeAsync(Guid pollId, TimeSpan wait)
    {
        if (TakeOldest() is { } task)
        {
            // The removal is written soon, with other changes; if this silo dies first the task is handed out again,
            // and the first report for it wins (tasks are at least once, like every step).
            _ = _writer.WriteAsync();
            return task;
        }
        if (wait <= TimeSpan.Zero || _cancelled.Remove(pollId)) return null;
        var waiter = new TaskCompletionSource<QueuedTask?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = _polls.AddLast((pollId, waiter));
        try
        {
            return await waiter.Task.WaitAsync(wait).ConfigureAwait(true);
        }
        catch (TimeoutException)
        {
            // A task handed over in the same instant wins over the timeout: it must not be lost.
            return waiter.TrySetResult(null) ? null : await waiter.Task.ConfigureAwait(true);
        }
        finally
        {
            if (node.List is not null) _polls.Remove(node);
        }
    }

    public Task CancelPollAsync(Guid pollId)
    {
        for (var node = _polls.First; node is not null; node = node.Next)
        {
            if (node.Value.PollId != pollId) continue;
            node.Value.Waiter.TrySetResult(null);
            _polls.Remove(node);
            return Task.CompletedTask;
        }
        // Not waiting here (yet): remember it for a while, in case its wait is still on the way.
        var now = clock.GetUtcNow();
        if (_cancelled.Count > 1000)
        {
            foreach (var old in _cancelled.Where(c => now - c.Value > Tasks.GrainTaskClient.PollSlice).Select(c => c.Key).ToList()) _cancelled.Remove(old);
        }
        _cancelled[pollId] = now;
        return Task.CompletedTask;
    }

    public async Task ReturnAsync(QueuedTask task)
    {
        if (HandToWaitingPoll(task)) return;
        if (!Pending.Exists(t => t.Key == task.Key)) Pending.Insert(0, task);
        await _writer.WriteAsync().ConfigureAwait(true);
    }

    public Task<int> CountAsync() => Task.FromResult(Pending.Count);

    /// <summary>Gives the task to the longest-waiting poll still waiting; false when none is.</summary>
    private bool HandToWaitingPoll(QueuedTask task)
    {
        while (_polls.First is { } first)
        {
            _polls.RemoveFirst();
            if (first.Value.Waiter.TrySetResult(task)) return true;
        }
        return false;
    }

    private QueuedTask? TakeOldest()
    {
        var now = clock.GetUtcNow();
        // Attempts that timed out while queued are the saga's business now (it failed them); a worker gets live ones only.
        var expired = Pending.RemoveAll(t => t.ExpiresAt <= now);
        if (expired > 0) _ = _writer.WriteAsync();
        if (Pending.Count == 0) return null;
        var task = Pending[0];
        Pending.RemoveAt(0);
        return task;
    }
}
