using Microsoft.Data.Sqlite;
using Npgsql;
using OrleansSagas.AdoNet.Common;

namespace OrleansSagas.AdoNet.OrleansProviders;

/// <summary>
/// Brings a database to the schema of this build (the saga tables and the tables and queries of the Orleans ADO.NET
/// providers) with <see cref="SchemaMigrator"/>: one transaction, idempotent, safe when several silos start together.
/// </summary>
internal static class OrleansSchema
{
    /// <summary>The invariant the Orleans ADO.NET providers know SQLite by; they load Microsoft.Data.Sqlite for it.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The invariant of Npgsql.</summary>
    public const string PostgreSqlInvariant = "Npgsql";

    /// <summary>How long a SQLite writer waits for the write lock before failing.</summary>
    public static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(30);

    // The key PostgreSqlDatabase takes too, so these migrations and those of the saga storage serialize with each other.
    private const long PostgreSqlMigrationLockKey = 0x4F_53_61_67_61_73_01;

    /// <summary>
    /// Switches the file to WAL (persistent; SQLite refuses it inside a transaction, so it precedes the migration), then
    /// applies the missing scripts in one BEGIN IMMEDIATE transaction: a second process waits for the first and finds nothing to do.
    /// </summary>
    public static async Task<int> MigrateSqliteAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var busyMilliseconds = (long)SqliteBusyTimeout.TotalMilliseconds;
            await connection.Command($"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA journal_mode = WAL;")
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var version = await SchemaMigrator.MigrateAsync("SQLite", lockStatement: null, connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return version;
            }
        }
    }

    /// <summary>Applies the missing scripts in one transaction that first takes the migration advisory lock.</summary>
    public static async Task<int> MigratePostgreSqlAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var version = await SchemaMigrator.MigrateAsync(
                        "PostgreSQL", $"SELECT pg_advisory_xact_lock({PostgreSqlMigrationLockKey})", connection, transaction, cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return version;
            }
        }
    }
}
