using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansSagas.AdoNet;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

public sealed class SqliteOrleansSiloFixture : OrleansSiloFixture
{
    private readonly TempDirectory folder = new();

    /// <summary>In a folder that does not exist yet: UseSagasSqlite creates it.</summary>
    public string DatabasePath => folder.File(Path.Combine("data", "sagas.db"));

    public override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }

    protected override Task<IHost> StartSiloAsync() =>
        OrleansHosts.StartSiloAsync(
            ClusterId,
            silo =>
            {
                silo.UseSagasSqlite(DatabasePath);
                silo.UseSagasSqlite(DatabasePath, DeletingStorageName);
                silo.Services.Configure<AdoNetGrainStorageOptions>(DeletingStorageName, options => options.DeleteStateOnClear = true);
            },
            localhostClustering: true);
}

public sealed class SqliteOrleansStorageTests(SqliteOrleansSiloFixture fixture) : OrleansStorageTests<SqliteOrleansSiloFixture>(fixture)
{
    [Fact]
    public async Task The_silo_created_the_file_in_wal_mode_with_the_whole_schema()
    {
        Assert.True(File.Exists(Fixture.DatabasePath));
        Assert.Equal("wal", await Fixture.ScalarAsync("PRAGMA journal_mode"));
        Assert.Equal("1,2,3,4", await Fixture.ScalarAsync("SELECT group_concat(version, ',') FROM (SELECT version FROM saga_schema_version ORDER BY version)"));
    }
}
