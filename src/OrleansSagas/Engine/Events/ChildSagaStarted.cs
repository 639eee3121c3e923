namespace OrleansSagas.Engine.Events;

/// <summary>A child saga node asked for its child saga to be started.</summary>
/// <param name="Node">The child saga node.</param>
/// <param name="Attempt">The attempt number, starting at 1.</param>
/// <param name="ChildId">The child saga id: "{sagaId}/{node}" for the first attempt, "{sagaId}/{node}#{attempt}" for retries.</param>
public sealed record ChildSagaStarted(string Node, int Attempt, string ChildId) : SagaEvent;
