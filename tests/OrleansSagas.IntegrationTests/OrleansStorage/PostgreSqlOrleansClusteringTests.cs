using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;
using OrleansSagas.AdoNet;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

public sealed class PostgreSqlOrleansClusteringTests
{
    [Fact]
    public async Task Two_silos_starting_together_form_a_cluster_that_a_client_reaches_through_the_membership_table()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("orleans_cluster");
        var clusterId = $"cluster-{Guid.NewGuid():N}"[..20];
        IHost[] silos = [];
        IHost? client = null;
        try
        {
            // Both migrate the empty database at once, then join.
            silos = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
                OrleansHosts.StartSiloAsync(clusterId, silo => silo.UseSagasPostgreSql(connectionString), localhostClustering: false))));

            await Eventually.True(
                async () => await ActiveSilosAsync(connectionString, clusterId) == 2, "both silos are Active in the membership table", TimeSpan.FromSeconds(60));

            client = await OrleansHosts.StartClientAsync(clusterId, builder => builder.UseSagasPostgreSqlClustering(connectionString));
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);

            var grain = grains.GetGrain<IStorageProbeGrain>($"clustered-{Guid.NewGuid():N}");
            await grain.SetValue("through the gateway");
            Assert.Equal("through the gateway", await grain.GetValue());
            Assert.Equal("through the gateway", await silos[0].Grains().GetGrain<IStorageProbeGrain>(grain.GetPrimaryKeyString()).GetValue());
        }
        finally
        {
            await OrleansHosts.StopAsync(client);
            foreach (var silo in silos)
            {
                await OrleansHosts.StopAsync(silo);
            }
        }
    }

    private static async Task<long> ActiveSilosAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = 3", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
