namespace OrleansSagas.Engine;

/// <summary>A side effect the engine asks the runtime to perform after the decision's events are durable.</summary>
public abstract record SagaCommand;
