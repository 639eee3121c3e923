namespace OrleansSagas.Client;

/// <summary>The outcome of a start call.</summary>
/// <param name="Saga">The saga's description right after the call.</param>
/// <param name="Created">True when this call created the saga; false when the same id and input already existed.</param>
public sealed record SagaStartResult(SagaDescription Saga, bool Created);
