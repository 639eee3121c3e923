using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;

namespace OrleansSagas.IntegrationTests.Storage;

public sealed class InMemoryCatalogConformanceTests : CatalogConformanceTests
{
    protected override TimeSpan TimePrecision => TimeSpan.FromTicks(1);

    protected override Task<ISagaStorage> CreateStorageAsync() => Task.FromResult<ISagaStorage>(new InMemorySagaStorage());
}
