using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OrleansSagas.AdoNet.Common;

namespace OrleansSagas.AdoNet.OrleansProviders;

/// <summary>
/// The connections the Orleans ADO.NET providers use on a SQLite file: pooled <see cref="SqliteConnection"/>s, each set up
/// on open so that a writer finding the file locked waits inside SQLite (<c>busy_timeout</c>) rather than failing or being
/// retried in coarse steps by the driver, and commits are flushed as configured (<c>synchronous</c>).
/// </summary>
/// <remarks>
/// The providers accept a <see cref="DbDataSource"/> whose connections are of the invariant's connection type; this is the
/// only hook that runs code on every connection they open. WAL is a property of the file, set once by the migration.
/// </remarks>
internal sealed class SqliteOrleansDataSource : DbDataSource
{
    private readonly string connectionString;
    private readonly string setup;

    public SqliteOrleansDataSource(string connectionString, TimeSpan busyTimeout, bool flushEveryCommit)
    {
        this.connectionString = connectionString;
        var busyMilliseconds = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        setup = $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = {(flushEveryCommit ? "FULL" : "NORMAL")};";
    }

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.Command(setup);
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.Command(setup).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Pooled connections keep the file open; release them so the file can be moved, deleted or reopened.
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }

        base.Dispose(disposing);
    }
}
