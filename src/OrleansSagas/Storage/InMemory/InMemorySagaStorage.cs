namespace OrleansSagas.Storage.InMemory;

/// <summary>
/// Catalog, history and definitions in memory: for tests and single-process experiments. Share one instance
/// between the silos of an in-process test cluster so they see one catalog.
/// </summary>
public sealed class InMemorySagaStorage : ISagaStorage
{
    /// <summary>Creates an empty store.</summary>
    public InMemorySagaStorage()
    {
        var database = new InMemoryDatabase();
        Catalog = new InMemorySagaCatalog(database);
        Definitions = new InMemoryDefinitionStore(database);
    }

    /// <inheritdoc />
    public ISagaCatalog Catalog { get; }

    /// <inheritdoc />
    public IDefinitionStore Definitions { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
