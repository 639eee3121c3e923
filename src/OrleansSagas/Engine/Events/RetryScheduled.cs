using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Events;

/// <summary>An attempt failed and a retrier matched: the next attempt runs when the durable retry timer fires.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The attempt that failed.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RetrierIndex">The index of the retrier that decided (each retrier counts its own retries).</param>
/// <param name="DueAt">When the next attempt starts (timer "retry:{node}:{attempt + 1}").</param>
public sealed record RetryScheduled(string Node, int Attempt, SagaError Error, int RetrierIndex, DateTimeOffset DueAt) : SagaEvent;
