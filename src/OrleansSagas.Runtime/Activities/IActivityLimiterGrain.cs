namespace OrleansSagas.Activities;

/// <summary>
/// The cluster-wide concurrency limit of one activity (key: the activity name): a poll holds a permit while it looks for
/// a task, and the permit stays with the task it found until the saga settles that task.
/// </summary>
internal interface IActivityLimiterGrain : IGrainWithStringKey
{
    /// <summary>Waits up to <paramref name="wait"/> for a permit; false when none freed up in time.</summary>
    Task<bool> AcquireAsync(Guid pollId, TimeSpan wait);

    /// <summary>Ties the poll's permit to the task it took, until <see cref="ReleaseTaskAsync"/> (or the task's expiry).</summary>
    Task BindAsync(Guid pollId, string taskKey, DateTimeOffset? expiresAt);

    /// <summary>Frees the permit of a poll that found no task.</summary>
    Task ReleasePollAsync(Guid pollId);

    /// <summary>Frees the permit of a settled task (completed, failed, timed out or superseded); no effect when it holds none.</summary>
    Task ReleaseTaskAsync(string taskKey);

    /// <summary>How many permits are held.</summary>
    Task<int> InUseAsync();
}
