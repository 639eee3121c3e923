namespace OrleansSagas.Engine;

/// <summary>Something that happened to a saga that the engine must decide on: a start, a step result, a timer, a signal, a cancel.</summary>
public abstract record SagaMessage;
