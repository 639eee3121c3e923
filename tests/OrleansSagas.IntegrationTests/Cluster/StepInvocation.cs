namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>One invocation of a step's action or undo.</summary>
public sealed record StepInvocation(string Silo, string SagaId, string Step, int Attempt, bool IsUndo);
