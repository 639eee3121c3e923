using Npgsql;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.Storage;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.Storage;

public sealed class PostgreSqlStorageConformanceTests : StorageConformanceTests
{
    private string connectionString = "";

    protected override async Task<ISagaStorage> CreateStorageAsync()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        connectionString = await server.CreateDatabaseAsync("conformance");
        return new PostgreSqlSagaStorage(connectionString);
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_is_refused_with_a_clear_error()
    {
        await ExecuteAsync("INSERT INTO saga_schema_version (version, description, applied_at) VALUES (999, 'Future', '2040-01-01')");
        await using var newer = new PostgreSqlSagaStorage(connectionString);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync());

        Assert.Equal("Database schema version 999 is newer than this build supports (1); upgrade OrleansSagas.", error.Message);
    }

    [Fact]
    public async Task Nodes_starting_together_migrate_an_empty_database_once()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var empty = await server.CreateDatabaseAsync("migrate");
        var nodes = Enumerable.Range(0, 6).Select(_ => new PostgreSqlSagaStorage(empty)).ToArray();

        await Task.WhenAll(nodes.Select(node => Task.Run(() => node.InitializeAsync())));

        await using (var connection = new NpgsqlConnection(empty))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM saga_schema_version", connection);
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }

        Assert.Empty(await nodes[0].Leases.ReadAllAsync());
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
