using OrleansSagas.Engine;

namespace OrleansSagas.Client;

/// <summary>Thrown by <see cref="SagaHandle.GetResultAsync{T}"/> when the saga ended without succeeding.</summary>
[GenerateSerializer]
public sealed class SagaFailedException : SagaException
{
    /// <summary>Creates the exception for a saga that ended as <paramref name="saga"/> describes.</summary>
    public SagaFailedException(SagaDescription saga)
        : base($"Saga '{saga.Id}' ended {saga.Status}" + (saga.Error is { } e ? $": {e.Error}: {e.Cause}" : ".")) => Saga = saga;

    /// <summary>The saga as it ended.</summary>
    [Id(0)]
    public SagaDescription Saga { get; }

    /// <summary>Its terminal status.</summary>
    public SagaStatus Status => Saga.Status;
}
