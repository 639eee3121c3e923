using OrleansSagas.AdoNet.Common;
using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Sqlite;

/// <summary>
/// The embedded storage provider: every port in one SQLite file, for a single node with zero set-up.
/// </summary>
/// <remarks>
/// The file uses WAL journaling with <c>synchronous = FULL</c> by default, so an acknowledged commit survives a crash of the
/// process or the machine. Writes are serialized on one connection; reads run concurrently on pooled connections.
/// The schema is created or migrated by <see cref="InitializeAsync"/>, or on first use.
/// Dispose the provider to close the file.
/// </remarks>
public sealed class SqliteSagaStorage : ISagaStorage, IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase database;

    /// <summary>Opens (or creates) the database file at <paramref name="path"/> with default options.</summary>
    public SqliteSagaStorage(string path)
        : this(new SqliteSagaStorageOptions { Path = path })
    {
    }

    /// <summary>Opens (or creates) the database described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SqliteSagaStorage(SqliteSagaStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        database = new SqliteDatabase(options);
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

    /// <summary>Closes the database file.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <summary>Closes the database file.</summary>
    public void Dispose() => database.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
