using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Events;

/// <summary>The saga is stuck: an undo failed for good. Nothing new is dispatched; in-flight work still reports.</summary>
/// <param name="Node">The node whose undo failed.</param>
/// <param name="Error">The undo error.</param>
public sealed record SagaStuck(string Node, SagaError Error) : SagaEvent;
