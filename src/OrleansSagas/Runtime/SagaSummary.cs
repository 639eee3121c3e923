using OrleansSagas.Engine;

namespace OrleansSagas.Runtime;

/// <summary>The part of a saga's state kept in its stored header, so it can be described without replaying its log.</summary>
internal sealed record SagaSummary(IReadOnlyList<StepSummary> Steps, string? StuckNode, string? ParentNode);
