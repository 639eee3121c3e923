using Microsoft.Data.Sqlite;
using Npgsql;
using OrleansSagas.AdoNet.OrleansProviders;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.OrleansStorage;

public sealed class OrleansSchemaMigrationTests
{
    private static readonly string[] StorageKeys = ["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    private static readonly string[] MembershipKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
    ];

    [Fact]
    public async Task Sqlite_migration_is_idempotent_and_concurrent_migrations_of_one_file_both_succeed()
    {
        using var folder = new TempDirectory();
        var connectionString = $"Data Source={folder.File("sagas.db")}";

        var versions = await Task.WhenAll(
            Task.Run(() => OrleansSchema.MigrateSqliteAsync(connectionString, CancellationToken.None)),
            Task.Run(() => OrleansSchema.MigrateSqliteAsync(connectionString, CancellationToken.None)));
        await OrleansSchema.MigrateSqliteAsync(connectionString, CancellationToken.None);

        Assert.All(versions, version => Assert.Equal(4, version));
        await using var connection = new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        Assert.Equal([1L, 2L, 3L, 4L], await ListAsync<long>(connection, "SELECT version FROM saga_schema_version ORDER BY version"));
        Assert.Equal(StorageKeys.Concat(ReminderKeys).Order(StringComparer.Ordinal), await ListAsync<string>(connection, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey"));
        Assert.Equal(["wal"], await ListAsync<string>(connection, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task PostgreSql_migration_is_idempotent_and_concurrent_migrations_all_succeed()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("orleans_migrate");

        var versions = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => OrleansSchema.MigratePostgreSqlAsync(connectionString, CancellationToken.None))));
        await OrleansSchema.MigratePostgreSqlAsync(connectionString, CancellationToken.None);

        Assert.All(versions, version => Assert.Equal(6, version));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal([1, 2, 3, 4, 5, 6], await ListAsync<int>(connection, "SELECT version FROM saga_schema_version ORDER BY version"));
        Assert.Equal(
            StorageKeys.Concat(ReminderKeys).Concat(MembershipKeys).Order(StringComparer.Ordinal),
            await ListAsync<string>(connection, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\""));
    }

    private static async Task<List<T>> ListAsync<T>(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
