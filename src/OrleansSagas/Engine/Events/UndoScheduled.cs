namespace OrleansSagas.Engine.Events;

/// <summary>An attempt of a node's undo was scheduled (a step's undo, or the compensation of a child saga).</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The undo attempt number, starting at 1.</param>
public sealed record UndoScheduled(string Node, int Attempt) : SagaEvent;
