using OrleansSagas.Engine;

namespace OrleansSagas.Storage;

/// <summary>
/// The saga log and header port: append-only events plus a header with an optimistic version, written
/// together with timers and tasks in one transaction, fenced by the partition lease epoch.
/// </summary>
public interface ISagaStore
{
    /// <summary>
    /// Creates a saga with its first events, timers and tasks, unless one with the same id exists.
    /// </summary>
    /// <returns>The stored header: the new one when created, else the existing one (compare inputs to detect a conflict).</returns>
    /// <exception cref="StorageConflictException">Kind Epoch when <paramref name="commit"/>'s epoch is not the partition's current one.</exception>
    Task<(SagaRecord Record, bool Created)> CreateAsync(SagaCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Appends a decision, conditional on version and epoch.</summary>
    /// <exception cref="StorageConflictException">Kind Version or Epoch; nothing was written.</exception>
    Task CommitAsync(SagaCommit commit, CancellationToken cancellationToken = default);

    /// <summary>The header of saga <paramref name="sagaId"/>, or null if unknown.</summary>
    Task<SagaRecord?> GetAsync(string sagaId, CancellationToken cancellationToken = default);

    /// <summary>The events of a saga with sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sagaId, long afterSequence = 0, CancellationToken cancellationToken = default);

    /// <summary>A page of headers, filtered by status and definition, ordered by id, starting after the cursor.</summary>
    Task<SagaPage> QueryAsync(SagaQuery query, CancellationToken cancellationToken = default);

    /// <summary>Ids of non-terminal sagas in the given partitions (recovery after a restart or a takeover).</summary>
    Task<IReadOnlyList<string>> ListRunningAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default);
}
