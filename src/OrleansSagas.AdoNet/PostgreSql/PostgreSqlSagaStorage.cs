using Npgsql;
using OrleansSagas.AdoNet.Common;
using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.PostgreSql;

/// <summary>
/// The cluster's saga tables (catalog, history, definitions) in one PostgreSQL database shared by all silos, beside
/// Orleans' grain storage, reminders and membership.
/// </summary>
/// <remarks>
/// Times are stored as timestamptz, so they keep microsecond precision.
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
