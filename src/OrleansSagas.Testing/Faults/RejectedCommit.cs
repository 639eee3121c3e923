using OrleansSagas.Storage;

namespace OrleansSagas.Testing;

/// <summary>A saga write the store refused, as seen by the node that attempted it.</summary>
/// <param name="Commit">What the node tried to write.</param>
/// <param name="Conflict">Why the store refused it (a stale epoch or version).</param>
public sealed record RejectedCommit(SagaCommit Commit, StorageConflictException Conflict);
