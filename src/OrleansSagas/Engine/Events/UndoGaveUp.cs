using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Events;

/// <summary>A node's undo failed for good; the saga becomes stuck until an operator retries or skips it.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The undo attempt that failed last.</param>
/// <param name="Error">Why it failed.</param>
public sealed record UndoGaveUp(string Node, int Attempt, SagaError Error) : SagaEvent;
