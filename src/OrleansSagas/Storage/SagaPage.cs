namespace OrleansSagas.Storage;

/// <summary>A page of saga headers and the cursor of the next page (null when this is the last).</summary>
/// <param name="Items">The headers, ordered by id.</param>
/// <param name="Next">Pass as <see cref="SagaQuery.After"/> to read the next page; null when there is none.</param>
public sealed record SagaPage(IReadOnlyList<SagaRecord> Items, string? Next);
