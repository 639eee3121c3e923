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
/// The schema is created or migrated by <see cref="AdoNetSagaStorage.InitializeAsync"/>, or on first use; nodes starting together serialize
/// their migrations on an advisory lock. Connection and server errors surface unchanged: callers retry.
/// </remarks>
public sealed class PostgreSqlSagaStorage : AdoNetSagaStorage
{
    /// <summary>Connects to the database of <paramref name="connectionString"/>.</summary>
    public PostgreSqlSagaStorage(string connectionString)
        : this(new PostgreSqlSagaStorageOptions { ConnectionString = connectionString })
    {
    }

    /// <summary>Connects to the database described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public PostgreSqlSagaStorage(PostgreSqlSagaStorageOptions options)
        : base(Connect(options))
    {
    }

    private static PostgreSqlDatabase Connect(PostgreSqlSagaStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new PostgreSqlDatabase(NpgsqlDataSource.Create(options.ConnectionString));
    }
}
