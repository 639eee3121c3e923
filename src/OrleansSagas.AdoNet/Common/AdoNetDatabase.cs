using System.Data.Common;

namespace OrleansSagas.AdoNet.Common;

/// <summary>
/// What the shared SQL ports need from a vendor: connections, one write transaction at a time or many,
/// how times are encoded, and the few SQL fragments that differ between vendors.
/// </summary>
internal abstract class AdoNetDatabase : IAsyncDisposable
{
    private volatile bool initialized;
    private readonly SemaphoreSlim initializeGate = new(1, 1);

    /// <summary>The vendor prefix of the migration scripts, e.g. "SQLite".</summary>
    public abstract string Vendor { get; }

    /// <summary>A statement serializing registrations of one definition name (parameter @name), or null when writes are serial anyway.</summary>
    public virtual string? LockDefinitionName => null;

    /// <summary>A statement serializing concurrent migrations of one database, run first in the migration transaction, or null.</summary>
    public virtual string? LockMigration => null;

    /// <summary>Runs the versioned migrator; idempotent.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => MigrateAsync(onlyIfNeeded: false, cancellationToken);

    /// <summary>Opens a connection for reading; the caller disposes it.</summary>
    public async Task<DbConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction: committed when it returns, rolled back when it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await RunWriteAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The database value of a time.</summary>
    public abstract object ToDb(DateTimeOffset value);

    /// <summary>Reads a time column.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    protected abstract Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken);

    protected abstract Task<T> RunWriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    private Task EnsureInitializedAsync(CancellationToken cancellationToken) =>
        initialized ? Task.CompletedTask : MigrateAsync(onlyIfNeeded: true, cancellationToken);

    private async Task MigrateAsync(bool onlyIfNeeded, CancellationToken cancellationToken)
    {
        await initializeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!onlyIfNeeded || !initialized)
            {
                await RunWriteAsync((connection, transaction) => SchemaMigrator.MigrateAsync(this, connection, transaction, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                initialized = true;
            }
        }
        finally
        {
            initializeGate.Release();
        }
    }
}
