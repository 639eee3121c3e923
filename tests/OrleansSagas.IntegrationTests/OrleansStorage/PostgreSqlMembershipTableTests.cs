using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using OrleansSagas.AdoNet.OrleansProviders;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

/// <summary>Every membership query of our PostgreSQL schema, through the Orleans ADO.NET membership table itself.</summary>
public sealed class PostgreSqlMembershipTableTests
{
    private static readonly DateTime T0 = new(2030, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);

    [Fact]
    public async Task The_membership_table_inserts_updates_and_cleans_up_rows_under_its_version()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("orleans_membership");
        await OrleansSchema.MigratePostgreSqlAsync(connectionString, CancellationToken.None);
        var table = Table(connectionString, "cluster-a");
        var other = Table(connectionString, "cluster-b");
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await other.InitializeMembershipTableAsync(tryInitTableVersion: true);

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var silo = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(silo, new TableVersion(1, "1").Next()));

        var one = await table.ReadAllAsync();
        Assert.Equal(1, one.Version.Version);
        var read = Assert.Single(one.Members).Item1;
        Assert.Equal(silo.SiloAddress, read.SiloAddress);
        Assert.Equal(SiloStatus.Joining, read.Status);
        Assert.Equal("silo-11111", read.SiloName);
        Assert.Equal("host", read.HostName);
        Assert.Equal(30000, read.ProxyPort);
        Assert.Equal(T0, read.StartTime);
        Assert.Equal(DateTimeKind.Utc, read.StartTime.Kind);
        Assert.Empty(await GatewaysAsync(connectionString, "cluster-a"));

        silo.Status = SiloStatus.Active;
        silo.SuspectTimes = [Tuple.Create(Entry(33333, SiloStatus.Active).SiloAddress, T0.AddSeconds(1))];
        Assert.False(await table.UpdateRowAsync(silo, one.Members[0].Item2, empty.Version.Next()));
        Assert.False(await table.UpdateRowAsync(Entry(44444, SiloStatus.Active), one.Members[0].Item2, one.Version.Next()));
        Assert.True(await table.UpdateRowAsync(silo, one.Members[0].Item2, one.Version.Next()));

        silo.IAmAliveTime = T0.AddMinutes(5);
        await table.UpdateIAmAliveAsync(silo);
        var row = await table.ReadRowAsync(silo.SiloAddress);
        Assert.Equal(2, row.Version.Version);
        var active = Assert.Single(row.Members).Item1;
        Assert.Equal(SiloStatus.Active, active.Status);
        Assert.Equal(T0.AddMinutes(5), active.IAmAliveTime);
        Assert.Equal(silo.SuspectTimes[0].Item1, Assert.Single(active.SuspectTimes!).Item1);
        Assert.Empty((await table.ReadRowAsync(Entry(55555, SiloStatus.Active).SiloAddress)).Members);
        Assert.Equal(2, (await table.ReadRowAsync(Entry(55555, SiloStatus.Active).SiloAddress)).Version.Version);
        Assert.Equal([SiloAddress.New(IPAddress.Loopback, 30000, 42).ToGatewayUri()], await GatewaysAsync(connectionString, "cluster-a"));

        var dead = Entry(16666, SiloStatus.Dead);
        Assert.True(await table.InsertRowAsync(dead, row.Version.Next()));
        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(T0.AddMinutes(1)));
        Assert.Equal(silo.SiloAddress, Assert.Single((await table.ReadAllAsync()).Members).Item1.SiloAddress);

        Assert.True(await other.InsertRowAsync(Entry(17777, SiloStatus.Active), (await other.ReadAllAsync()).Version.Next()));
        await table.DeleteMembershipTableEntriesAsync("cluster-a");
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Empty((await table.ReadAllAsync()).Members);
        Assert.Single((await other.ReadAllAsync()).Members);
    }

    private static MembershipEntry Entry(int port, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 42),
        SiloName = $"silo-{port}",
        HostName = "host",
        Status = status,
        ProxyPort = 30000,
        StartTime = T0,
        IAmAliveTime = T0,
    };

    private static AdoNetClusteringTable Table(string connectionString, string clusterId) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = clusterId }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = OrleansSchema.PostgreSqlInvariant, ConnectionString = connectionString }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static async Task<IList<Uri>> GatewaysAsync(string connectionString, string clusterId)
    {
        var provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = OrleansSchema.PostgreSqlInvariant, ConnectionString = connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = clusterId }));
        await provider.InitializeGatewayListProviderAsync();
        return await provider.GetGatewaysAsync();
    }
}
