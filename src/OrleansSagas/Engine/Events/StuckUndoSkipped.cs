namespace OrleansSagas.Engine.Events;

/// <summary>An operator declared the failed undo of a stuck saga done by hand; the node counts as undone and unwinding continues.</summary>
/// <param name="Node">The node whose undo is skipped.</param>
public sealed record StuckUndoSkipped(string Node) : SagaEvent;
