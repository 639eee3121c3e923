using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>Reads the saga catalog page by page.</summary>
public static class CatalogRows
{
    /// <summary>Every catalog row, filtered by status and definition when given.</summary>
    public static async Task<List<SagaRecord>> ReadAllAsync(ISagaCatalog catalog, SagaStatus? status = null, string? definition = null)
    {
        var rows = new List<SagaRecord>();
        string? after = null;
        do
        {
            var page = await catalog.QueryAsync(new SagaQuery(status, definition, 1000, after));
            rows.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return rows;
    }

    /// <summary>How many sagas of <paramref name="definition"/> have <paramref name="status"/>.</summary>
    public static async Task<int> CountAsync(ISagaCatalog catalog, SagaStatus status, string definition) =>
        (await ReadAllAsync(catalog, status, definition)).Count;
}
