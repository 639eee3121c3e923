using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;

namespace OrleansSagas.IntegrationTests.Storage;

public sealed class InMemoryStorageConformanceTests : StorageConformanceTests
{
    protected override Task<ISagaStorage> CreateStorageAsync() => Task.FromResult<ISagaStorage>(new InMemorySagaStorage());
}
