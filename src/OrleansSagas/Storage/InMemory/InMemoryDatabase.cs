namespace OrleansSagas.Storage.InMemory;

/// <summary>The tables of the in-memory provider, guarded by one lock so a commit touches all of them atomically.</summary>
internal sealed class InMemoryDatabase
{
    public object Gate { get; } = new();

    public Dictionary<string, SagaRecord> Sagas { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<StoredEvent>> Events { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string SagaId, string TimerId), TimerEntry> Timers { get; } = [];

    public Dictionary<string, InMemoryTask> Tasks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<DefinitionRecord>> Definitions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MemberRecord> Members { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, PartitionLease> Leases { get; } = [];

    /// <summary>Orders tasks that became visible at the same instant by enqueue order.</summary>
    public long NextTaskSequence { get; set; }
}

/// <summary>A queued task with its lease state.</summary>
internal sealed class InMemoryTask(TaskEntry entry, long sequence)
{
    public TaskEntry Entry { get; } = entry;

    public long Sequence { get; } = sequence;

    /// <summary>When the task may be leased next: its visibility time, or the expiry of its current lease.</summary>
    public DateTimeOffset AvailableAt { get; set; } = entry.VisibleAt;

    public string? LeaseToken { get; set; }

    public int Deliveries { get; set; }
}
