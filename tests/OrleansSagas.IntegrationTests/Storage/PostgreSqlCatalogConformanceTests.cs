using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.Storage;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.Storage;

public sealed class PostgreSqlCatalogConformanceTests : CatalogConformanceTests
{
    protected override TimeSpan TimePrecision => TimeSpan.FromMicroseconds(1);

    protected override async Task<ISagaStorage> CreateStorageAsync()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        return new PostgreSqlSagaStorage(await server.CreateDatabaseAsync("catalog"));
    }

    [Fact]
    public Task A_failing_batch_leaves_nothing_behind() => AssertAFailingBatchLeavesNothingAsync();

    [Fact]
    public async Task Concurrent_batches_touching_the_same_sagas_all_land()
    {
        var ids = Enumerable.Range(0, 50).Select(i => $"saga-{i:D2}").ToArray();
        var writes = Enumerable.Range(1, 8).Select(version => Task.Run(() => Catalog.WriteAsync(
            [.. (version % 2 == 0 ? ids : Enumerable.Reverse(ids)).Select(id => Row(id, version))],
            [.. ids.Select(id => Event(id, version))])));

        await Task.WhenAll(writes);

        foreach (var id in ids)
        {
            Assert.Equal(8, (await Catalog.GetAsync(id))!.Version);
            Assert.Equal(8, (await Catalog.ReadEventsAsync(id)).Count);
        }
    }
}
