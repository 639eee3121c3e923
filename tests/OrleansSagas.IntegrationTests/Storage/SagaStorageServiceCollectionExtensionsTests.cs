using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.AdoNet.Sqlite;
using OrleansSagas.Storage;
using OrleansSagas.Storage.InMemory;

namespace OrleansSagas.IntegrationTests.Storage;

public sealed class SagaStorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task UseSqliteStorage_replaces_the_registered_storage_with_one_singleton()
    {
        var folder = Directory.CreateTempSubdirectory("orleanssagas-di-").FullName;
        try
        {
            var services = new ServiceCollection().AddSingleton<ISagaStorage, InMemorySagaStorage>();

            services.UseSqliteStorage(Path.Combine(folder, "nested", "sagas.db"));

            Assert.Single(services, d => d.ServiceType == typeof(ISagaStorage));
            await using (var provider = services.BuildServiceProvider())
            {
                var storage = provider.GetRequiredService<ISagaStorage>();
                Assert.IsType<SqliteSagaStorage>(storage);
                Assert.Same(storage, provider.GetRequiredService<ISagaStorage>());
                await storage.InitializeAsync();
            }

            Assert.True(File.Exists(Path.Combine(folder, "nested", "sagas.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task UsePostgreSqlStorage_replaces_the_registered_storage_without_connecting_yet()
    {
        var services = new ServiceCollection().AddSingleton<ISagaStorage, InMemorySagaStorage>();

        services.UsePostgreSqlStorage("Host=127.0.0.1;Port=1;Database=none;Username=none");

        Assert.Single(services, d => d.ServiceType == typeof(ISagaStorage));
        await using var provider = services.BuildServiceProvider();
        Assert.IsType<PostgreSqlSagaStorage>(provider.GetRequiredService<ISagaStorage>());
    }

    [Fact]
    public void Missing_settings_are_refused_naming_the_option()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.UseSqliteStorage(" "));
        Assert.Throws<ArgumentException>(() => services.UsePostgreSqlStorage(""));
        var error = Assert.Throws<ArgumentException>(() => new SqliteSagaStorage(new SqliteSagaStorageOptions()));
        Assert.Contains("Path", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SqliteSagaStorage(new SqliteSagaStorageOptions { ConnectionString = "Data Source=:memory:" }));
    }
}
