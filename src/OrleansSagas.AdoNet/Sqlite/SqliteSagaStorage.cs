using OrleansSagas.AdoNet.Common;
using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Sqlite;

/// <summary>
/// The embedded saga tables (catalog, history, definitions) in one SQLite file, beside Orleans' grain storage and reminders, for a single silo with zero set-up.
/// </summary>
/// <remarks>
/// The file uses WAL journaling with <c>synchronous = FULL</c> by default, so an acknowledged write survives a crash of the
/// process or the machine. Writes are serialized on one connection; reads run concurrently on pooled connections.
/// The schema is created or migrated by <see cref="AdoNetSagaStorage.InitializeAsync"/>, or on first use.
/// Dispose the provider to close the file.
/// </remarks>
public sealed class SqliteSagaStorage : AdoNetSagaStorage
{
    /// <summary>Opens (or creates) the database file at <paramref name="path"/> with default options.</summary>
    public SqliteSagaStorage(string path)
        : this(new SqliteSagaStorageOptions { Path = path })
    {
    }

    /// <summary>Opens (or creates) the database described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SqliteSagaStorage(SqliteSagaStorageOptions options)
        : base(Open(options))
    {
    }

    private static SqliteDatabase Open(SqliteSagaStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteDatabase(options);
    }
}
