namespace OrleansSagas.Storage;

/// <summary>
/// The read model of sagas kept beside grain storage: one row per saga (the state of its last recorded decision)
/// and its history. Written in batches off the decision path; every write is idempotent, so a batch replayed
/// after a crash changes nothing twice.
/// </summary>
public interface ISagaCatalog
{
    /// <summary>
    /// Writes a batch in one transaction: each record replaces the stored one only when its version is newer; each
    /// event is inserted unless its (saga, sequence) is already stored.
    /// </summary>
    Task WriteAsync(IReadOnlyList<SagaRecord> records, IReadOnlyList<SagaEventRecord> events, CancellationToken cancellationToken = default);

    /// <summary>The row of saga <paramref name="sagaId"/>, or null if unknown.</summary>
    Task<SagaRecord?> GetAsync(string sagaId, CancellationToken cancellationToken = default);

    /// <summary>The events of a saga with sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sagaId, long afterSequence = 0, CancellationToken cancellationToken = default);

    /// <summary>A page of rows, filtered by status and definition, ordered by id, starting after the cursor.</summary>
    Task<SagaPage> QueryAsync(SagaQuery query, CancellationToken cancellationToken = default);

    /// <summary>Ids of non-terminal sagas after <paramref name="afterId"/>, ordered by id (recovery after a silo dies).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not between 1 and 1000.</exception>
    Task<IReadOnlyList<string>> ListRunningAsync(string? afterId, int limit, CancellationToken cancellationToken = default);
}
