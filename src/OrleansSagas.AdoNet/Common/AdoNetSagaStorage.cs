using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>
/// What the ADO.NET providers share: the catalog, history and definition tables over one database (the one Orleans'
/// grain storage and reminders use). SQLite and PostgreSQL differ only in their database dialect.
/// </summary>
public abstract class AdoNetSagaStorage : ISagaStorage, IAsyncDisposable, IDisposable
{
    private readonly AdoNetDatabase _database;

    private protected AdoNetSagaStorage(AdoNetDatabase database)
    {
        _database = database;
        Catalog = new SqlSagaCatalog(database);
        Definitions = new SqlDefinitionStore(database);
    }

    /// <inheritdoc />
    public ISagaCatalog Catalog { get; }

    /// <inheritdoc />
    public IDefinitionStore Definitions { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.InitializeAsync(cancellationToken);

    /// <summary>Closes the database (file or connection pool).</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _database.DisposeAsync();
    }

    /// <summary>Closes the database (file or connection pool).</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
