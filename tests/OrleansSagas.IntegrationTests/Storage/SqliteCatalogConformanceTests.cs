using Microsoft.Data.Sqlite;
using OrleansSagas.AdoNet.Sqlite;
using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public sealed class SqliteCatalogConformanceTests : CatalogConformanceTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("orleanssagas-catalog-").FullName;

    private string DatabasePath => Path.Combine(folder, "sagas.db");

    protected override TimeSpan TimePrecision => TimeSpan.FromTicks(1);

    protected override Task<ISagaStorage> CreateStorageAsync() => Task.FromResult<ISagaStorage>(new SqliteSagaStorage(DatabasePath));

    protected override async Task DisposeStorageAsync(ISagaStorage storage)
    {
        await base.DisposeStorageAsync(storage);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public Task A_failing_batch_leaves_nothing_behind() => AssertAFailingBatchLeavesNothingAsync();

    [Fact]
    public async Task Everything_written_is_there_after_reopening_the_file()
    {
        var row = Row("saga-1", 2, SagaStatus.Succeeded) with { Output = "\"done\"" };
        await Catalog.WriteAsync([row], [Event("saga-1", 1), Event("saga-1", 2)]);
        await Storage.Definitions.PutAsync("travel", "asl", "{}", T0);
        await ((SqliteSagaStorage)Storage).DisposeAsync();

        await using var reopened = new SqliteSagaStorage(DatabasePath);

        Assert.Equal(row, await reopened.Catalog.GetAsync("saga-1"));
        Assert.Equal(2, (await reopened.Catalog.ReadEventsAsync("saga-1")).Count);
        Assert.Equal(1, (await reopened.Definitions.GetAsync("travel"))!.Version);
    }

    [Fact]
    public async Task Times_are_stored_as_utc_ticks()
    {
        var at = new DateTimeOffset(2031, 6, 30, 23, 59, 58, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await Catalog.WriteAsync([], [new SagaEventRecord("saga-1", new StoredEvent(1, "SagaStarted", at, "{}"))]);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT recorded_at FROM saga_events WHERE saga_id = 'saga-1'";

        Assert.Equal(at.UtcTicks, (long)(await command.ExecuteScalarAsync())!);
    }
}
