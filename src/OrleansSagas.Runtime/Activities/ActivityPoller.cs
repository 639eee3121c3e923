using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSagas.Hosting;

namespace OrleansSagas.Activities;

/// <summary>
/// Serves one poll of an activity across its queue shards: takes a waiting task from any shard at once, otherwise waits
/// on all shards together and keeps the first task that arrives (a shard that also handed one over gets it back). With a
/// concurrency limit, the poll first holds a permit, which then stays with the task it took.
/// </summary>
internal sealed partial class ActivityPoller(IGrainFactory grains, IOptions<SagaRuntimeOptions> options, ILogger<ActivityPoller> logger)
{
    public async Task<QueuedTask?> PollAsync(string activity, TimeSpan wait, Guid pollId)
    {
        var limiter = options.Value.ConcurrencyLimitOf(activity) is null ? null : grains.GetGrain<IActivityLimiterGrain>(activity);
        var started = DateTimeOffset.UtcNow;
        if (limiter is not null && !await limiter.AcquireAsync(pollId, wait).ConfigureAwait(false)) return null;
        QueuedTask? task = null;
        try
        {
            var left = wait - (DateTimeOffset.UtcNow - started);
            task = await TakeAsync(activity, pollId, left < TimeSpan.Zero ? TimeSpan.Zero : left).ConfigureAwait(false);
            return task;
        }
        finally
        {
            if (limiter is not null)
            {
                if (task is null) await limiter.ReleasePollAsync(pollId).ConfigureAwait(false);
                else await limiter.BindAsync(pollId, task.Key, task.ExpiresAt).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Puts a task back at the front of its shard, freeing the concurrency permit it held.</summary>
    public async Task ReturnAsync(string activity, QueuedTask task)
    {
        var shard = grains.GetGrain<IActivityQueueGrain>(ActivityShards.Of(activity, task.Key, options.Value.ActivityQueueShards));
        await shard.ReturnAsync(task).ConfigureAwait(false);
        if (options.Value.ConcurrencyLimitOf(activity) is not null)
            await grains.GetGrain<IActivityLimiterGrain>(activity).ReleaseTaskAsync(task.Key).ConfigureAwait(false);
    }

    /// <summary>The activity's queue depth over all shards, and its handed-out tasks when it has a limit.</summary>
    public async Task<Tasks.ActivityStatus> DescribeAsync(string activity)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, options.Value.ActivityQueueShards)
            .Select(i => grains.GetGrain<IActivityQueueGrain>(ActivityShards.Key(activity, i)).CountAsync())).ConfigureAwait(false);
        var limit = options.Value.ConcurrencyLimitOf(activity);
        int? handedOut = limit is null ? null : await grains.GetGrain<IActivityLimiterGrain>(activity).InUseAsync().ConfigureAwait(false);
        return new Tasks.ActivityStatus(activity, counts.Sum(), limit, handedOut);
    }

    /// <summary>Ends the waits of an abandoned poll on every shard of the activity.</summary>
    public Task CancelAsync(string activity, Guid pollId) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.ActivityQueueShards)
            .Select(i => grains.GetGrain<IActivityQueueGrain>(ActivityShards.Key(activity, i)).CancelPollAsync(pollId)));

    private async Task<QueuedTask?> TakeAsync(string activity, Guid pollId, TimeSpan wait)
    {
        var count = options.Value.ActivityQueueShards;
        var first = Random.Shared.Next(count);
        var shards = Enumerable.Range(0, count).Select(i => grains.GetGrain<IActivityQueueGrain>(ActivityShards.Key(activity, (first + i) % count))).ToList();
        foreach (var shard in shards)
        {
            if (await shard.TakeAsync(pollId, TimeSpan.Zero).ConfigureAwait(false) is { } ready) return ready;
        }
        if (wait <= TimeSpan.Zero) return null;

        var waits = shards.ToDictionary(s => s.TakeAsync(pollId, wait), s => s);
        while (waits.Count > 0)
        {
            var done = await Task.WhenAny(waits.Keys).ConfigureAwait(false);
            waits.Remove(done, out var shard);
            if (!done.IsCompletedSuccessfully || done.Result is not { } task) continue;
            // Served: stop the other shards' waits, and hand back anything they gave this poll meanwhile.
            _ = ReleaseOthersAsync(pollId, waits);
            return task;
        }
        return null;
    }

    private async Task ReleaseOthersAsync(Guid pollId, Dictionary<Task<QueuedTask?>, IActivityQueueGrain> waits)
    {
        try
        {
            await Task.WhenAll(waits.Values.Select(s => s.CancelPollAsync(pollId))).ConfigureAwait(false);
            foreach (var (wait, shard) in waits)
            {
                var extra = await wait.ConfigureAwait(false);
                if (extra is not null) await shard.ReturnAsync(extra).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // A task lost here is still its saga's: its heartbeat or timeout fails the attempt and the Retry applies.
            LogReturnFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An activity poll could not hand back a task taken for it by a second queue shard.")]
    private static partial void LogReturnFailed(ILogger logger, Exception exception);
}
