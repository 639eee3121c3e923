using Microsoft.Extensions.Configuration;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Server;

namespace OrleansSagas.IntegrationTests.SiloProcesses;

[Collection(SiloProcessCollection.Name)]
public sealed class SiloConfigurationTests
{
    [Fact]
    public async Task The_silo_refuses_to_start_with_an_invalid_setting_and_names_it()
    {
        using var directory = new TempDirectory();
        using var silo = SiloProcess.Launch(directory.Path, "--Sagas:Storage", "Foo");

        await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("Sagas:Storage must be one of Sqlite, PostgreSql, InMemory (was 'Foo')", silo.Output);
    }

    [Theory]
    [InlineData("Sagas:Storage", "Cassandra", "Sagas:Storage must be one of Sqlite, PostgreSql, InMemory (was 'Cassandra')")]
    [InlineData("Sagas:Storage", "1", "Sagas:Storage must be one of")]
    [InlineData("Sagas:SqlitePath", " ", "Sagas:SqlitePath must not be empty")]
    [InlineData("Sagas:CatalogBatchSize", "0", "Sagas:CatalogBatchSize must be between 1 and 10000 (was 0)")]
    [InlineData("Sagas:CatalogBatchSize", "many", "Sagas:CatalogBatchSize")]
    [InlineData("Sagas:SiloPort", "70000", "Sagas:SiloPort must be a port number from 1 to 65535 (was '70000')")]
    [InlineData("Sagas:GatewayPort", "x", "Sagas:GatewayPort must be a port number")]
    [InlineData("Sagas:ClusterId", " ", "Sagas:ClusterId must be a non-empty name")]
    [InlineData("Sagas:PayloadLimitBytes", "10", "Sagas:PayloadLimitBytes must be at least 1024 (was 10)")]
    [InlineData("Sagas:ReminderPeriod", "soon", "Sagas:ReminderPeriod")]
    [InlineData("Sagas:ReminderPeriod", "00:00:00.5", "Sagas:ReminderPeriod must be at least 1 second")]
    public void An_invalid_setting_is_reported_by_name(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<SagaConfigurationException>(() => SagaNodeSettings.Read(configuration));

        Assert.Contains(message, error.Message);
        Assert.Equal(key, error.Setting);
    }

    [Fact]
    public void PostgreSql_requires_the_Sagas_connection_string()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:Storage"] = "PostgreSql" }).Build();

        var error = Assert.Throws<SagaConfigurationException>(() => SagaNodeSettings.Read(configuration));

        Assert.Equal("ConnectionStrings:Sagas", error.Setting);
        Assert.Contains("ConnectionStrings:Sagas is required when Sagas:Storage is PostgreSql", error.Message);
    }

    [Fact]
    public void The_defaults_are_SQLite_at_data_sagas_db()
    {
        var settings = SagaNodeSettings.Read(new ConfigurationBuilder().Build());

        Assert.Equal(SagaStorageKind.Sqlite, settings.Storage);
        Assert.Equal("data/sagas.db", settings.SqlitePath);
        Assert.Equal(256 * 1024, settings.Runtime.PayloadLimitBytes);
    }

    [Fact]
    public void Settings_are_case_insensitive_and_bind_the_runtime_options()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sagas:Storage"] = "inmemory",
            ["Sagas:CatalogBatchSize"] = "8",
            ["Sagas:ReminderPeriod"] = "00:02:00",
            ["Sagas:siloport"] = "12000",
            ["Sagas:ClusterId"] = "east",
        }).Build();

        var settings = SagaNodeSettings.Read(configuration);

        Assert.Equal(SagaStorageKind.InMemory, settings.Storage);
        Assert.Equal(8, settings.Runtime.CatalogBatchSize);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Runtime.ReminderPeriod);
        Assert.Equal(12000, settings.SiloPort);
        Assert.Equal(30000, settings.GatewayPort);
        Assert.Equal("east", settings.ClusterId);
        Assert.Equal(SagaNodeSettings.DefaultClusterId, settings.ServiceId);
    }
}
