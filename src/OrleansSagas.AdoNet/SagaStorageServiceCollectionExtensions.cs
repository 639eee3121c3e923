using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.AdoNet.Sqlite;
using OrleansSagas.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an ADO.NET storage provider as the node's <see cref="ISagaStorage"/>.</summary>
public static class SagaStorageServiceCollectionExtensions
{
    /// <summary>
    /// Uses the SQLite file at <paramref name="path"/> as storage (a singleton), replacing any storage registered before.
    /// </summary>
    public static IServiceCollection UseSqliteStorage(this IServiceCollection services, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return services.UseSqliteStorage(options => options.Path = path);
    }

    /// <summary>
    /// Uses a SQLite file configured by <paramref name="configure"/> as storage (a singleton), replacing any storage registered before.
    /// </summary>
    public static IServiceCollection UseSqliteStorage(this IServiceCollection services, Action<SqliteSagaStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteSagaStorageOptions();
        configure(options);
        options.Validate();
        services.RemoveAll<ISagaStorage>();
        services.AddSingleton<ISagaStorage>(_ => new SqliteSagaStorage(options));
        return services;
    }

    /// <summary>
    /// Uses the PostgreSQL database of <paramref name="connectionString"/> as storage (a singleton), replacing any storage registered before.
    /// </summary>
    public static IServiceCollection UsePostgreSqlStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostgreSqlSagaStorageOptions { ConnectionString = connectionString };
        services.RemoveAll<ISagaStorage>();
        services.AddSingleton<ISagaStorage>(_ => new PostgreSqlSagaStorage(options));
        return services;
    }
}
