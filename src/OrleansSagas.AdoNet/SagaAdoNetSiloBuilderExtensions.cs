using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.AdoNet.Sqlite;
using OrleansSagas.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using OrleansSagas.AdoNet.OrleansProviders;

namespace OrleansSagas.AdoNet;

/// <summary>
/// Wires a silo (or a client) to the OrleansSagas database through the Orleans ADO.NET providers: grain storage, reminders
/// and, on PostgreSQL, cluster membership; the saga catalog, history and definitions go to the same database. The schema (the saga tables plus the Orleans tables and the queries the providers
/// read from OrleansQuery) is migrated when the silo starts, before any provider initializes.
/// </summary>
/// <remarks>
/// Grain state is serialized into the PayloadBinary column by Orleans' binary serializer (<see cref="SagaGrainStorageSerializer"/>);
/// states written as JSON by the silo's default <c>IGrainStorageSerializer</c> are still read. A grain selects the storage by name, e.g. <c>[PersistentState("saga", "sagas")]</c>.
/// </remarks>
public static class SagaAdoNetSiloBuilderExtensions
{
    /// <summary>
    /// Uses the SQLite file at <paramref name="databasePath"/> (created with its folder if missing) for grain storage named
    /// <paramref name="storageName"/> and for reminders. The file is switched to WAL and migrated when the silo starts.
    /// Clustering is left to the caller (a single silo: <c>UseLocalhostClustering</c>).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="databasePath">Path of the database file; relative paths are resolved against the current directory.</param>
    /// <param name="storageName">Name of the grain storage provider.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The path is empty or names an in-memory database, or the storage name is empty.</exception>
    public static ISiloBuilder UseSagasSqlite(this ISiloBuilder builder, string databasePath, string storageName = "sagas")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        if (databasePath.Trim() == ":memory:")
        {
            throw new ArgumentException("An in-memory SQLite database is not supported; give a file path.", nameof(databasePath));
        }

        var fullPath = Path.GetFullPath(databasePath);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();

        var services = builder.Services;
        // The catalog, history and definitions live in the same file.
        services.RemoveAll<ISagaStorage>();
        services.AddSingleton<ISagaStorage>(_ => new SqliteSagaStorage(fullPath));
        AddMigration(services, $"SQLite {fullPath}", cancellationToken => OrleansSchema.MigrateSqliteAsync(connectionString, cancellationToken));

        // One data source per file, owned (and disposed) by the container, shared by storage providers and reminders.
        services.AddKeyedSingleton(connectionString, (_, _) => new SqliteOrleansDataSource(connectionString, OrleansSchema.SqliteBusyTimeout, flushEveryCommit: true));
        builder.AddAdoNetGrainStorage(storageName, options => options.Configure<IServiceProvider>((o, provider) =>
        {
            o.Invariant = OrleansSchema.SqliteInvariant;
            o.ConnectionString = null;
            o.DataSource = provider.GetRequiredKeyedService<SqliteOrleansDataSource>(connectionString);
            o.GrainStorageSerializer = GrainStateSerializer(provider);
        }));
        builder.UseAdoNetReminderService(options => options.Configure<IServiceProvider>((o, provider) =>
        {
            o.Invariant = OrleansSchema.SqliteInvariant;
            o.ConnectionString = null;
            o.DataSource = provider.GetRequiredKeyedService<SqliteOrleansDataSource>(connectionString);
        }));
        return builder;
    }

    /// <summary>
    /// Uses the PostgreSQL database of <paramref name="connectionString"/> for grain storage named <paramref name="storageName"/>,
    /// for reminders and, when <paramref name="clustering"/> is true, for cluster membership. The database is migrated when the
    /// silo starts; silos starting together serialize their migrations on an advisory lock.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">An Npgsql connection string; the user must be allowed to create tables in the database.</param>
    /// <param name="storageName">Name of the grain storage provider.</param>
    /// <param name="clustering">Whether to use the database for membership too (ADO.NET clustering); false leaves clustering to the caller.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string or the storage name is empty.</exception>
    public static ISiloBuilder UseSagasPostgreSql(this ISiloBuilder builder, string connectionString, string storageName = "sagas", bool clustering = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);

        var services = builder.Services;
        services.RemoveAll<ISagaStorage>();
        services.AddSingleton<ISagaStorage>(_ => new PostgreSqlSagaStorage(connectionString));
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        AddMigration(services, $"PostgreSQL {database.Host}:{database.Port}/{database.Database}", cancellationToken => OrleansSchema.MigratePostgreSqlAsync(connectionString, cancellationToken));
        var providers = ProviderConnectionString(connectionString);
        builder.AddAdoNetGrainStorage(storageName, options => options.Configure<IServiceProvider>((o, provider) =>
        {
            o.Invariant = OrleansSchema.PostgreSqlInvariant;
            o.ConnectionString = providers;
            o.GrainStorageSerializer = GrainStateSerializer(provider);
        }));
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = OrleansSchema.PostgreSqlInvariant;
            options.ConnectionString = providers;
        });
        if (clustering)
        {
            builder.UseAdoNetClustering(options =>
            {
                options.Invariant = OrleansSchema.PostgreSqlInvariant;
                options.ConnectionString = providers;
            });
        }

        return builder;
    }

    /// <summary>
    /// Lets an external client find the gateways of a cluster whose silos use <see cref="UseSagasPostgreSql"/> with clustering:
    /// the active silos are read from the membership table of <paramref name="connectionString"/>. The client does not migrate
    /// the database; configure <see cref="ClusterOptions"/> with the cluster's ids as on the silos.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="connectionString">An Npgsql connection string of the cluster's database.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static IClientBuilder UseSagasPostgreSqlClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetClustering(options =>
        {
            options.Invariant = OrleansSchema.PostgreSqlInvariant;
            options.ConnectionString = connectionString;
        });
    }

    /// <summary>
    /// The connection string the Orleans providers use. They open a pooled connection for every query and leave no session
    /// state behind, so the reset Npgsql runs when a connection returns to the pool (DISCARD ALL, executed by the server
    /// before the next query) is skipped, and their few fixed queries are prepared once per connection instead of parsed
    /// and planned on every call.
    /// </summary>
    private static string ProviderConnectionString(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
        }.ConnectionString;

    private static SagaGrainStorageSerializer GrainStateSerializer(IServiceProvider provider) =>
        new(provider.GetRequiredService<Orleans.Serialization.Serializer>(), provider.GetService<Orleans.Storage.IGrainStorageSerializer>());

    private static void AddMigration(IServiceCollection services, string database, Func<CancellationToken, Task<int>> migrate) =>
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider =>
            new SagaSchemaMigration(database, migrate, provider.GetRequiredService<ILogger<SagaSchemaMigration>>()));
}
