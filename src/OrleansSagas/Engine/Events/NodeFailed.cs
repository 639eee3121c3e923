using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Events;

/// <summary>A node failed for good (no retrier matched, the matching one was exhausted, or the saga is unwinding); a failed node is not undone.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The attempt that failed.</param>
/// <param name="Error">Why it failed.</param>
public sealed record NodeFailed(string Node, int Attempt, SagaError Error) : SagaEvent;
