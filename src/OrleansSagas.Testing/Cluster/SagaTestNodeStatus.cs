namespace OrleansSagas.Testing;

/// <summary>The lifecycle of a node of a <see cref="SagaTestCluster"/>.</summary>
public enum SagaTestNodeStatus
{
    /// <summary>Running and taking part in the cluster.</summary>
    Running,

    /// <summary>Frozen: no heartbeats, no renewals, its store calls held (a long pause); see <see cref="SagaTestNode.Pause"/>.</summary>
    Paused,

    /// <summary>Stopped gracefully: it handed its partitions over.</summary>
    Stopped,

    /// <summary>Killed abruptly: no clean-up, its in-flight work lost, its leases left to lapse.</summary>
    Killed,
}
