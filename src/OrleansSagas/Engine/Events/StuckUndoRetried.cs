namespace OrleansSagas.Engine.Events;

/// <summary>An operator asked to run the failed undo of a stuck saga again; the saga unwinds again.</summary>
/// <param name="Node">The node whose undo is retried.</param>
public sealed record StuckUndoRetried(string Node) : SagaEvent;
