namespace OrleansSagas.Definitions;

/// <summary>Waits durably for a named signal; its output is the signal's payload. A signal sent earlier is kept and consumed.</summary>
public sealed record SignalNode : SagaNode
{
    /// <summary>The name of the signal to wait for.</summary>
    public required string SignalName { get; init; }

    /// <summary>How long to wait before failing with <see cref="SagaErrors.Timeout"/>; null waits forever.</summary>
    public TimeSpan? WaitTimeout { get; init; }
}
