using Microsoft.Data.Sqlite;
using OrleansSagas.AdoNet.Sqlite;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Storage;

public sealed class SqliteStorageConformanceTests : StorageConformanceTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("orleanssagas-sqlite-").FullName;

    private string DatabasePath => Path.Combine(folder, "sagas.db");

    protected override Task<ISagaStorage> CreateStorageAsync() => Task.FromResult<ISagaStorage>(new SqliteSagaStorage(DatabasePath));

    protected override async Task DisposeStorageAsync(ISagaStorage storage)
    {
        await base.DisposeStorageAsync(storage);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Everything_written_is_there_after_reopening_the_file()
    {
        var epoch = await AcquireAsync(1);
        var commit = NewSaga("saga-1", epoch, timers: [Timer("saga-1", "t1", T0.AddMinutes(1))], tasks: [WorkItem("task-1")]);
        await Storage.Sagas.CreateAsync(commit);
        await Storage.Sagas.CommitAsync(Next("saga-1", 2, epoch));
        await Storage.Definitions.PutAsync("travel", "asl", "{}", T0);
        await Storage.Membership.UpsertAsync(new MemberRecord(Node, "http://a", T0, MemberStatus.Active, T0));
        await ((SqliteSagaStorage)Storage).DisposeAsync();

        await using var reopened = new SqliteSagaStorage(DatabasePath);

        Assert.Equal(3, (await reopened.Sagas.GetAsync("saga-1"))!.Version);
        Assert.Equal(3, (await reopened.Sagas.ReadEventsAsync("saga-1")).Count);
        Assert.Equal(commit.TimersToArm, await reopened.Timers.GetForSagaAsync("saga-1"));
        Assert.Equal("task-1", (await reopened.Tasks.TryLeaseAsync("payments", "w", TimeSpan.FromSeconds(1), T0))!.Task.TaskId);
        Assert.Equal(1, (await reopened.Definitions.GetAsync("travel"))!.Version);
        Assert.Single(await reopened.Membership.ListAsync());
        Assert.Equal(epoch, Assert.Single(await reopened.Leases.ReadAllAsync()).Epoch);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_with_full_sync_on_commits()
    {
        await AcquireAsync(1);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.True(new SqliteSagaStorageOptions().FlushEveryCommit);
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_is_refused_with_a_clear_error()
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO saga_schema_version (version, description, applied_at) VALUES (999, 'Future', '2040-01-01')";
            await command.ExecuteNonQueryAsync();
        }

        await using var newer = new SqliteSagaStorage(DatabasePath);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync());
        Assert.Equal("Database schema version 999 is newer than this build supports (1); upgrade OrleansSagas.", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.Sagas.GetAsync("saga-1"));
    }
}
