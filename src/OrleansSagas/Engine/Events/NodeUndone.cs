namespace OrleansSagas.Engine.Events;

/// <summary>A node is undone: its undo returned, or it needed none (attempt 0).</summary>
/// <param name="Node">The node name.</param>
/// <param name="Attempt">The undo attempt that succeeded; 0 when the node had nothing to undo.</param>
public sealed record NodeUndone(string Node, int Attempt) : SagaEvent;
