namespace OrleansSagas.Storage;

/// <summary>A storage provider: one database holding every port, so a saga commit can check its partition's epoch in the same transaction.</summary>
public interface ISagaStorage
{
    /// <summary>Saga logs and headers.</summary>
    ISagaStore Sagas { get; }

    /// <summary>The durable timers' due-time index.</summary>
    ITimerStore Timers { get; }

    /// <summary>Tasks for external workers.</summary>
    ITaskQueue Tasks { get; }

    /// <summary>The definition registry.</summary>
    IDefinitionStore Definitions { get; }

    /// <summary>The membership table.</summary>
    IMembershipStore Membership { get; }

    /// <summary>Partition leases.</summary>
    ILeaseStore Leases { get; }

    /// <summary>Creates or migrates the schema; idempotent. Fails clearly when the store has a newer schema than the code.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
