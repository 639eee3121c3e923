using Npgsql;
using OrleansSagas.AdoNet.Common;
using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.PostgreSql;

/// <summary>
/// The cluster storage provider: every port in one PostgreSQL database shared by all nodes.
/// </summary>
/// <remarks>
/// A commit is one transaction that checks the partition lease's epoch (holding the lease row so an ownership change waits for
/// it) and the saga's version, then appends events and arms timers and tasks. Workers lease tasks with
/// <c>FOR UPDATE SKIP LOCKED</c>. Times are stored as timestamptz, so they keep microsecond precision.
/// The schema is created or migrated by <see cref="InitializeAsync"/>, or on first use; nodes starting together serialize
/// their migrations on an advisory lock. Connection and server errors surface unchanged: callers retry.
/// </remarks>
public sealed class PostgreSqlSagaStorage : ISagaStorage, IAsyncDisposable, IDisposable
{
    private readonly PostgreSqlDatabase database;

    /// <summary>Connects to the database of <paramref name="connectionString"/>.</summary>
    public PostgreSqlSagaStorage(string connectionString)
        : this(new PostgreSqlSagaStorageOptions { ConnectionString = connectionString })
    {
    }

    /// <summary>Connects to the database described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public PostgreSqlSagaStorage(PostgreSqlSagaStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        database = new PostgreSqlDatabase(NpgsqlDataSource.Create(options.ConnectionString));
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
    public Task InitializeAsync(CancellationToken cancellationToken = default) => database.InitializeAsync(cancellationToken);

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => database.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
