namespace OrleansSagas.Client;

/// <summary>No saga has the given id.</summary>
[GenerateSerializer]
public sealed class SagaNotFoundException : SagaException
{
    /// <summary>Creates the exception for <paramref name="sagaId"/>.</summary>
    public SagaNotFoundException(string sagaId) : base($"Saga '{sagaId}' was not found.") => SagaId = sagaId;

    /// <summary>The unknown id.</summary>
    [Id(0)]
    public string SagaId { get; }
}
