namespace OrleansSagas.Storage;

/// <summary>A history event with the saga it belongs to, as the catalog writes it.</summary>
/// <param name="SagaId">The saga id.</param>
/// <param name="Event">The event.</param>
public sealed record SagaEventRecord(string SagaId, StoredEvent Event);
