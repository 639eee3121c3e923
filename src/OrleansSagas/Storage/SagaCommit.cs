namespace OrleansSagas.Storage;

/// <summary>
/// One decision of a saga made durable in a single transaction: appended events, the new header, timers
/// armed and disarmed and tasks enqueued — conditional on the saga's version and its partition's epoch.
/// </summary>
public sealed record SagaCommit
{
    /// <summary>The new header; its <see cref="SagaRecord.Version"/> is the sequence of the last appended event.</summary>
    public required SagaRecord Record { get; init; }

    /// <summary>The version the writer read; the commit fails if the stored version differs.</summary>
    public required long ExpectedVersion { get; init; }

    /// <summary>The lease epoch of the saga's partition the writer holds; the commit fails if the lease moved on.</summary>
    public required long Epoch { get; init; }

    /// <summary>Events to append, with sequences ExpectedVersion+1, +2, ….</summary>
    public IReadOnlyList<StoredEvent> Events { get; init; } = [];

    /// <summary>Timers to arm (an existing timer with the same id is replaced).</summary>
    public IReadOnlyList<TimerEntry> TimersToArm { get; init; } = [];

    /// <summary>Ids of this saga's timers to remove.</summary>
    public IReadOnlyList<string> TimersToDisarm { get; init; } = [];

    /// <summary>Tasks to enqueue for external workers.</summary>
    public IReadOnlyList<TaskEntry> TasksToEnqueue { get; init; } = [];
}
