using Orleans.Concurrency;
using OrleansSagas.Catalog;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Grains;

/// <summary>Answers list questions from the catalog on whichever silo takes the call.</summary>
[StatelessWorker]
internal sealed class SagaQueryGrain(ISagaStorage storage, SagaCatalogWriter catalog, SagaDefinitionRegistry definitions) : Grain, ISagaQueryGrain
{
    public async Task<SagaListPage> ListAsync(SagaStatus? status, string? definition, int limit, string? after)
    {
        if (limit is < 1 or > 1000) throw new SagaInputException("limit", $"The field 'limit' must be between 1 and 1000 (was {limit}).");
        // The catalog is written off the decision path: let this silo's queued rows land first (read-your-writes on one silo).
        await catalog.FlushAsync().ConfigureAwait(true);
        var page = await storage.Catalog.QueryAsync(new SagaQuery(status, definition, limit, after)).ConfigureAwait(true);
        return new SagaListPage([.. page.Items.Select(SagaDescriptions.FromRecord)], page.Next);
    }

    public async Task<DefinitionInfo[]> ListDefinitionsAsync() => [.. await definitions.ListAsync().ConfigureAwait(true)];
}
