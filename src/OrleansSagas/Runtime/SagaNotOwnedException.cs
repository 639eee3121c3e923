using OrleansSagas.Client;

namespace OrleansSagas.Runtime;

/// <summary>This node does not own the saga's partition (now); the call must go to the owner.</summary>
public sealed class SagaNotOwnedException : SagaException
{
    /// <summary>Creates the exception for <paramref name="sagaId"/> in <paramref name="partition"/>.</summary>
    public SagaNotOwnedException(string sagaId, int partition)
        : base($"This node does not own partition {partition} of saga '{sagaId}'.")
    {
        SagaId = sagaId;
        Partition = partition;
    }

    /// <summary>The saga id.</summary>
    public string SagaId { get; }

    /// <summary>Its partition.</summary>
    public int Partition { get; }
}
