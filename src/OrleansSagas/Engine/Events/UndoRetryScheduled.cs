using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Events;

/// <summary>An undo attempt failed and an undo retrier matched: the next undo attempt runs when the durable timer fires.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The undo attempt that failed.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RetrierIndex">The index of the undo retrier that decided.</param>
/// <param name="DueAt">When the next undo attempt starts (timer "undo-retry:{node}:{attempt + 1}").</param>
public sealed record UndoRetryScheduled(string Node, int Attempt, SagaError Error, int RetrierIndex, DateTimeOffset DueAt) : SagaEvent;
