namespace OrleansSagas.Engine.Events;

/// <summary>A node that was waiting (for a retry, a delay or a signal) was stopped because the saga unwinds; it counts as failed and is not undone.</summary>
/// <param name="Node">The node name.</param>
public sealed record NodeAbandoned(string Node) : SagaEvent;
