namespace OrleansSagas.Activities;

/// <summary>One shard of an activity's task queue (key "{activity}/{shard}"), persisted through grain storage.</summary>
internal interface IActivityQueueGrain : IGrainWithStringKey
{
    /// <summary>Adds a task (once per attempt); durable when it returns, unless a waiting poll took it at once.</summary>
    Task EnqueueAsync(QueuedTask task);

    /// <summary>Takes the oldest task, waiting up to <paramref name="wait"/> for one to arrive; null when none came.</summary>
    Task<QueuedTask?> TakeAsync(Guid pollId, TimeSpan wait);

    /// <summary>Ends the wait of <paramref name="pollId"/> (another shard served it).</summary>
    Task CancelPollAsync(Guid pollId);

    /// <summary>Puts back, at the front, a task taken for a poll that another shard served first.</summary>
    Task ReturnAsync(QueuedTask task);

    /// <summary>How many tasks wait in this shard.</summary>
    Task<int> CountAsync();
}
