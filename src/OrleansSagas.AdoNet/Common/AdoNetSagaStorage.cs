using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>
/// What the ADO.NET providers share: every storage port over one database, so a saga commit can check its
/// partition's lease epoch in the same transaction. SQLite and PostgreSQL differ only in their database dialect.
/// </summary>
public abstract class AdoNetSagaStorage : ISagaStorage, IAsyncDisposable, IDisposable
{
    private readonly AdoNetDatabase _database;

    private protected AdoNetSagaStorage(AdoNetDatabase database)
    {
        _database = database;
        Sagas = new SqlSagaStore(database);
        Timers = new SqlTimerStore(database);
        Tasks = new SqlTaskQueue(database);
        Definitions = new SqlDefinitionStore(database);
        Membership = new SqlMembershipStore(database);
        Leases = new SqlLeaseStore(database);
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
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.InitializeAsync(cancellationToken);

    /// <summary>Closes the database (file or connection pool).</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _database.DisposeAsync();
    }

    /// <summary>Closes the database (file or connection pool).</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
