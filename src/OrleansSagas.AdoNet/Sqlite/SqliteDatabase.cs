using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrleansSagas.AdoNet.Common;

namespace OrleansSagas.AdoNet.Sqlite;

/// <summary>
/// SQLite allows one writer at a time, so writes go through one long-lived connection guarded by a semaphore
/// (no lock contention inside the process; BEGIN IMMEDIATE and busy_timeout handle other processes), while reads
/// use pooled connections that WAL mode lets run alongside the writer.
/// </summary>
internal sealed class SqliteDatabase : AdoNetDatabase
{
    private readonly string connectionString;
    private readonly SqliteSagaStorageOptions options;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private SqliteConnection? writer;

    public SqliteDatabase(SqliteSagaStorageOptions options)
    {
        options.Validate();
        this.options = options;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? "")
        {
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            builder.DataSource = System.IO.Path.GetFullPath(options.Path!);
        }

        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new ArgumentException("An in-memory SQLite database is not supported; give a file path.", nameof(options));
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        connectionString = builder.ToString();
    }

    public override string Vendor => "SQLite";

    public override object ToDb(DateTimeOffset value) => value.UtcTicks;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public override async ValueTask DisposeAsync()
    {
        await writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                writer = null;
            }

            // Pooled read connections keep the file open; release them so the file can be moved, deleted or reopened.
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
        finally
        {
            writeGate.Release();
        }
    }

    protected override async Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override async Task<T> RunWriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = writer ??= await OpenWriterAsync(cancellationToken).ConfigureAwait(false);

            // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE: the write lock is taken up front.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    var result = await work(connection, transaction).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
                catch
                {
                    await RollBackOrResetAsync(transaction).ConfigureAwait(false);
                    throw;
                }
            }
        }
        finally
        {
            writeGate.Release();
        }
    }

    private async Task RollBackOrResetAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // The connection is in an unknown state: start the next write on a fresh one.
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                writer = null;
            }
        }
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var synchronous = options.FlushEveryCommit ? "FULL" : "NORMAL";
        var busyMilliseconds = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await connection.Command($"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {busyMilliseconds};")
            .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
