namespace OrleansSagas.Storage.InMemory;

/// <summary>
/// A storage provider that keeps everything in process memory: for tests and for trying things out.
/// Same semantics as the SQL providers (optimistic versions, epoch fencing, atomic commits), nothing survives the process.
/// </summary>
/// <remarks>Thread-safe: every operation runs under one lock, so a commit is atomic with respect to every other call.</remarks>
public sealed class InMemorySagaStorage : ISagaStorage
{
    /// <summary>Creates an empty store.</summary>
    public InMemorySagaStorage()
    {
        var database = new InMemoryDatabase();
        Sagas = new InMemorySagaStore(database);
        Timers = new InMemoryTimerStore(database);
        Tasks = new InMemoryTaskQueue(database);
        Definitions = new InMemoryDefinitionStore(database);
        Membership = new InMemoryMembershipStore(database);
        Leases = new InMemoryLeaseStore(database);
    }

    /// <inheritdoc />
    public ISagaStore Sagas { get; }

    /// <inheritdoc />
    public ITimerStore Timers { get; }

    /// <inheritdoc />
    public ITaskQueue Tasks { get; }

    /// <inheritdoc />
    public IDefinitionStore Definitions { get; }

    /// <inheritdoc />
    public IMembershipStore Membership { get; }

    /// <inheritdoc />
    public ILeaseStore Leases { get; }

    /// <inheritdoc />
    /// <remarks>Nothing to create: always succeeds.</remarks>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
