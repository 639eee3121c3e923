using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OrleansSagas.AdoNet.Common;

namespace OrleansSagas.AdoNet.OrleansProviders;

/// <summary>
/// The connections the Orleans ADO.NET providers use on a SQLite file: pooled <see cref="SqliteConnection"/>s, each set up
/// on open (<c>busy_timeout</c>, <c>synchronous</c>), whose writing commands queue in this process for the single write
/// lock SQLite has, first come first served.
/// </summary>
/// <remarks>
/// <para>
/// The providers accept a <see cref="DbDataSource"/> whose connections are of the invariant's connection type; this is the
/// only hook that runs code on every connection and command they use. WAL is a property of the file, set by the migration.
/// </para>
/// <para>
/// Without the queue, concurrent writers of one file meet in SQLite's busy handler, which polls with growing sleeps: the
/// write lock sits idle between them and unlucky writers starve (measured: some writes waited over ten seconds with 64
/// writing grains). A writing command takes the queue before it runs and keeps it until its connection closes, which is
/// after the statement has committed (every provider query is one autocommitted statement, run on its own connection).
/// Reads never queue: WAL lets them run beside the writer. Other processes on the same file still meet in the busy handler.
/// </para>
/// </remarks>
internal sealed partial class SqliteOrleansDataSource : DbDataSource
{
    private static readonly ConcurrentDictionary<string, bool> Writes = new(StringComparer.Ordinal);

    private readonly string connectionString;
    private readonly string setup;
    private readonly TimeSpan busyTimeout;
    private readonly SemaphoreSlim writeQueue = new(1, 1);

    public SqliteOrleansDataSource(string connectionString, TimeSpan busyTimeout, bool flushEveryCommit)
    {
        this.connectionString = connectionString;
        this.busyTimeout = busyTimeout;
        var busyMilliseconds = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        setup = $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = {(flushEveryCommit ? "FULL" : "NORMAL")};";
    }

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new QueuedConnection(this);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new QueuedConnection(this);
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
        var connection = new QueuedConnection(this);
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

    private static bool IsWrite(string? sql) =>
        sql is not null && Writes.GetOrAdd(sql, static text => WriteStatement().IsMatch(text));

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|REPLACE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteStatement();

    private async Task EnterWriteQueueAsync(CancellationToken cancellationToken)
    {
        if (!await writeQueue.WaitAsync(busyTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"A write waited more than {busyTimeout} for the other writes of this process to the SQLite file.");
        }
    }

    private void EnterWriteQueue()
    {
        if (!writeQueue.Wait(busyTimeout))
        {
            throw new TimeoutException($"A write waited more than {busyTimeout} for the other writes of this process to the SQLite file.");
        }
    }

    /// <summary>A connection that leaves the write queue, if its command entered it, when it closes.</summary>
    private sealed class QueuedConnection(SqliteOrleansDataSource source) : SqliteConnection(source.connectionString)
    {
        private bool queued;

        public override SqliteCommand CreateCommand() => new QueuedCommand(this) { Connection = this };

        public override void Close()
        {
            try
            {
                base.Close();
            }
            finally
            {
                LeaveQueue();
            }
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                LeaveQueue();
            }
        }

        public async Task EnterQueueAsync(CancellationToken cancellationToken)
        {
            if (!queued)
            {
                await source.EnterWriteQueueAsync(cancellationToken).ConfigureAwait(false);
                queued = true;
            }
        }

        public void EnterQueue()
        {
            if (!queued)
            {
                source.EnterWriteQueue();
                queued = true;
            }
        }

        public void LeaveQueue()
        {
            if (queued)
            {
                queued = false;
                source.writeQueue.Release();
            }
        }
    }

    /// <summary>A command that, when it writes, runs only while its connection holds the write queue.</summary>
    private sealed class QueuedCommand(QueuedConnection connection) : SqliteCommand
    {
        protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        {
            if (!IsWrite(CommandText))
            {
                return await base.ExecuteDbDataReaderAsync(behavior, cancellationToken).ConfigureAwait(false);
            }

            await connection.EnterQueueAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await base.ExecuteDbDataReaderAsync(behavior, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                connection.LeaveQueue();
                throw;
            }
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            if (!IsWrite(CommandText))
            {
                return base.ExecuteDbDataReader(behavior);
            }

            connection.EnterQueue();
            try
            {
                return base.ExecuteDbDataReader(behavior);
            }
            catch
            {
                connection.LeaveQueue();
                throw;
            }
        }

        public override int ExecuteNonQuery()
        {
            if (!IsWrite(CommandText))
            {
                return base.ExecuteNonQuery();
            }

            connection.EnterQueue();
            try
            {
                return base.ExecuteNonQuery();
            }
            catch
            {
                connection.LeaveQueue();
                throw;
            }
        }
    }
}
