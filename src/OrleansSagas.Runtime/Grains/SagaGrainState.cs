namespace OrleansSagas.Grains;

/// <summary>
/// What a saga grain persists: the engine state as a snapshot, the armed timers, and the events recorded since the
/// catalog last confirmed them (the outbox), so a crash never loses history. Version-tolerant: fields are only ever added.
/// </summary>
[GenerateSerializer]
[Alias("OrleansSagas.SagaGrainState")]
internal sealed class SagaGrainState
{
    /// <summary>The definition name; null until the saga starts.</summary>
    [Id(0)] public string? Definition { get; set; }

    [Id(1)] public int DefinitionVersion { get; set; }

    /// <summary>The engine state, written by the definition's snapshot codec.</summary>
    [Id(2)] public string? Snapshot { get; set; }

    /// <summary>How many events the saga has recorded (the sequence of the last one).</summary>
    [Id(3)] public long Version { get; set; }

    /// <summary>Armed timers by id, with their due times.</summary>
    [Id(4)] public Dictionary<string, DateTimeOffset> Timers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Events not yet confirmed written to the history table, oldest first.</summary>
    [Id(5)] public List<SagaOutboxEvent> Outbox { get; set; } = [];

    [Id(6)] public DateTimeOffset CreatedAt { get; set; }

    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Attempts completed by task token (activities and callbacks), recent ones kept to refuse late reports with the reason.</summary>
    [Id(8)] public List<Tasks.ExternalTask> ExternalTasks { get; set; } = [];
}

/// <summary>A recorded event waiting in the outbox.</summary>
[GenerateSerializer]
[Alias("OrleansSagas.SagaOutboxEvent")]
internal sealed record SagaOutboxEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] string Data);
