using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Cluster;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;
using OrleansSagas.Server;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>How configuration decides whether a node joins a cluster, and how bad cluster settings are reported.</summary>
public sealed class ClusterConfigurationTests
{
    private static (ServiceCollection Services, bool Joined) Configure(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var settings = SagaNodeSettings.Read(configuration);
        var services = new ServiceCollection();
        var joined = false;
        services.AddOrleansSagas(sagas => joined = sagas.AddSagaCluster(configuration, settings));
        return (services, joined);
    }

    private static Dictionary<string, string?> Postgres(params (string Key, string? Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["Sagas:Storage"] = "PostgreSql",
            ["ConnectionStrings:Sagas"] = "Host=127.0.0.1;Database=sagas",
            ["urls"] = "http://127.0.0.1:5081",
        };
        foreach (var (key, value) in extra) values[key] = value;
        return values;
    }

    [Fact]
    public void PostgreSql_storage_joins_a_cluster_at_the_node_url_with_settings_from_Sagas_Cluster()
    {
        var (services, joined) = Configure(Postgres(("Sagas:Cluster:LeaseDuration", "00:00:05"), ("Sagas:Cluster:DeadAfter", "00:00:04")));
        Assert.True(joined);
        using var provider = services.BuildServiceProvider();
        Assert.Equal("http://127.0.0.1:5081", provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SagaRuntimeOptions>>().Value.Address);
        var cluster = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1)), (cluster.LeaseDuration, cluster.DeadAfter, cluster.RenewInterval));
        Assert.Contains(services, d => d.ServiceType == typeof(IClusterTransport));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IPartitionOwnership) && d.ImplementationType?.Name == "SingleNodeOwnership");
    }

    [Fact]
    public void A_node_can_opt_out_and_SQLite_stays_single_node_unless_asked()
    {
        Assert.False(Configure(Postgres(("Sagas:Cluster:Enabled", "false"))).Joined);
        Assert.False(Configure(new Dictionary<string, string?> { ["Sagas:Storage"] = "Sqlite" }).Joined);
        Assert.True(Configure(new Dictionary<string, string?> { ["Sagas:Storage"] = "Sqlite", ["Sagas:Cluster:Enabled"] = "true", ["Sagas:Address"] = "http://node-a:5080" }).Joined);
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:0", "Sagas:Address")]
    [InlineData("urls", "http://*:5081", "Sagas:Address")]
    [InlineData("urls", null, "Sagas:Address")]
    [InlineData("Sagas:Cluster:Enabled", "maybe", "Sagas:Cluster:Enabled")]
    [InlineData("Sagas:Cluster:RenewInterval", "00:00:05", "Sagas:Cluster:RenewInterval")]
    [InlineData("Sagas:Cluster:LeaseDuration", "soon", "Sagas:Cluster")]
    public void Bad_cluster_settings_are_rejected_naming_the_setting(string key, string? value, string setting)
    {
        var error = Assert.Throws<SagaConfigurationException>(() => Configure(Postgres((key, value))));
        Assert.Equal(setting, error.Setting);
        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void An_in_memory_store_cannot_be_shared_by_a_cluster()
    {
        var error = Assert.Throws<SagaConfigurationException>(() =>
            Configure(new Dictionary<string, string?> { ["Sagas:Storage"] = "InMemory", ["Sagas:Cluster:Enabled"] = "true" }));
        Assert.Equal("Sagas:Cluster:Enabled", error.Setting);
    }
}
