using OrleansSagas.Client;
using OrleansSagas.Engine;

namespace OrleansSagas.Grains;

/// <summary>Questions about many sagas, answered from the catalog by whichever silo takes the call.</summary>
public interface ISagaQueryGrain : IGrainWithIntegerKey
{
    /// <summary>A page of sagas filtered by status and definition, ordered by id.</summary>
    Task<SagaListPage> ListAsync(SagaStatus? status, string? definition, int limit, string? after);

    /// <summary>The latest version of every definition the cluster can run, ordered by name.</summary>
    Task<DefinitionInfo[]> ListDefinitionsAsync();
}
