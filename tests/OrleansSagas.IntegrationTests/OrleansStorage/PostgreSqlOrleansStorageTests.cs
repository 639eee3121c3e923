using Microsoft.Extensions.Hosting;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansSagas.AdoNet;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

public sealed class PostgreSqlOrleansSiloFixture : OrleansSiloFixture
{
    public string ConnectionString { get; private set; } = "";

    public override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    protected override async Task<IHost> StartSiloAsync()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        ConnectionString = await server.CreateDatabaseAsync("orleans_storage");
        return await OrleansHosts.StartSiloAsync(
            ClusterId,
            silo =>
            {
                silo.UseSagasPostgreSql(ConnectionString);
                silo.UseSagasPostgreSql(ConnectionString, DeletingStorageName, clustering: false);
                silo.Services.Configure<AdoNetGrainStorageOptions>(DeletingStorageName, options => options.DeleteStateOnClear = true);
            },
            localhostClustering: false);
    }
}

public sealed class PostgreSqlOrleansStorageTests(PostgreSqlOrleansSiloFixture fixture) : OrleansStorageTests<PostgreSqlOrleansSiloFixture>(fixture)
{
    [Fact]
    public async Task The_silo_migrated_the_whole_schema_and_joined_through_the_membership_table()
    {
        Assert.Equal("1,2,3,4,5,6", await Fixture.ScalarAsync("SELECT string_agg(version::text, ',' ORDER BY version) FROM saga_schema_version"));
        Assert.Equal(1L, await Fixture.ScalarAsync($"SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = '{Fixture.ClusterId}' AND Status = 3"));
    }
}
