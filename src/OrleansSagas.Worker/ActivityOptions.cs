namespace OrleansSagas.Worker;

/// <summary>Settings of one activity in this worker.</summary>
public sealed class ActivityOptions
{
    /// <summary>
    /// The most tasks of this activity this worker runs at once. The worker polls only while it has a free slot, so a
    /// busy worker leaves tasks in the queue for others. Default 1.
    /// </summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>How long one poll waits on the server for a task (0–300 seconds; 0 answers at once). Default 60.</summary>
    public int PollWaitSeconds { get; set; } = 60;

    /// <summary>
    /// How often a heartbeat is sent for each running task. It must be below the state's <c>HeartbeatSeconds</c>, or the
    /// server times the task out between two heartbeats. <see cref="Timeout.InfiniteTimeSpan"/> turns automatic
    /// heartbeats off (the handler may still call <see cref="ActivityContext.HeartbeatAsync"/>). Default 10 seconds.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks every setting and names the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxConcurrency < 1)
            throw new ArgumentException($"ActivityOptions.MaxConcurrency must be at least 1 (was {MaxConcurrency}).", nameof(MaxConcurrency));
        if (PollWaitSeconds is < 0 or > 300)
            throw new ArgumentException($"ActivityOptions.PollWaitSeconds must be between 0 and 300 (was {PollWaitSeconds}).", nameof(PollWaitSeconds));
        if (HeartbeatInterval <= TimeSpan.Zero && HeartbeatInterval != Timeout.InfiniteTimeSpan)
            throw new ArgumentException("ActivityOptions.HeartbeatInterval must be positive (or Timeout.InfiniteTimeSpan for none).", nameof(HeartbeatInterval));
    }
}
