namespace OrleansSagas.Client;

/// <summary>A page of sagas and the cursor of the next page.</summary>
/// <param name="Items">The sagas, ordered by id.</param>
/// <param name="Next">Pass as the <c>after</c> cursor to get the next page; null on the last page.</param>
public sealed record SagaListPage(IReadOnlyList<SagaDescription> Items, string? Next);
