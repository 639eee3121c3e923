using OrleansSagas.Engine;

namespace OrleansSagas.Storage;

/// <summary>A filter and page request over saga headers.</summary>
/// <param name="Status">Only sagas with this status; null for all.</param>
/// <param name="Definition">Only sagas of this definition; null for all.</param>
/// <param name="Limit">At most this many (1–1000).</param>
/// <param name="After">The cursor from the previous page (the last id seen); null for the first page.</param>
public sealed record SagaQuery(SagaStatus? Status = null, string? Definition = null, int Limit = 100, string? After = null);
