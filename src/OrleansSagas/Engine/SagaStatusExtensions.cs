namespace OrleansSagas.Engine;

/// <summary>Helpers on <see cref="SagaStatus"/>.</summary>
public static class SagaStatusExtensions
{
    /// <summary>True for every status but <see cref="SagaStatus.Running"/>.</summary>
    public static bool IsTerminal(this SagaStatus status) => status != SagaStatus.Running;
}
