namespace OrleansSagas.Client;

/// <summary>A saga with the id exists with a different definition or input (starts are idempotent only for identical input).</summary>
[GenerateSerializer]
public sealed class SagaConflictException : SagaException
{
    /// <summary>Creates the exception.</summary>
    public SagaConflictException(string sagaId, string message) : base(message) => SagaId = sagaId;

    /// <summary>The id in conflict.</summary>
    [Id(0)]
    public string SagaId { get; }
}
