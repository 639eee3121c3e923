namespace OrleansSagas.Client;

/// <summary>No saga has the given id.</summary>
public sealed class SagaNotFoundException : SagaException
{
    /// <summary>Creates the exception for <paramref name="sagaId"/>.</summary>
    public SagaNotFoundException(string sagaId) : base($"Saga '{sagaId}' was not found.") => SagaId = sagaId;

    /// <summary>The unknown id.</summary>
    public string SagaId { get; }
}
