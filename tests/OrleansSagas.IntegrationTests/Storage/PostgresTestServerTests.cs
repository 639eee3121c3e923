using Npgsql;
using OrleansSagas.AdoNet.PostgreSql;
using OrleansSagas.Storage;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.IntegrationTests.Storage;

/// <summary>The throwaway server itself, and what the PostgreSQL provider does when the server goes away and comes back.</summary>
public sealed class PostgresTestServerTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_created_database_is_empty_and_separate()
    {
        var server = await PostgresTestServer.GetSharedAsync();
        var first = await server.CreateDatabaseAsync("Some Prefix!");
        var second = await server.CreateDatabaseAsync();

        await using (var storage = new PostgreSqlSagaStorage(first))
        {
            await storage.Definitions.PutAsync("travel", "asl", "{}", T0);
        }

        await using var other = new PostgreSqlSagaStorage(second);
        Assert.Empty(await other.Definitions.ListLatestAsync());
        Assert.StartsWith("someprefix_", new NpgsqlConnectionStringBuilder(first).Database);
    }

    [Fact]
    public async Task A_commit_acknowledged_before_the_server_crashed_is_there_after_it_restarts()
    {
        await using var server = await PostgresTestServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("crash");
        await using var storage = new PostgreSqlSagaStorage(connectionString);
        await storage.Definitions.PutAsync("travel", "asl", "{}", T0);

        await server.StopAsync(immediate: true);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => storage.Definitions.ListLatestAsync());
        await server.RestartAsync();

        Assert.Equal(1, (await EventuallyAsync(() => storage.Definitions.GetAsync("travel")))!.Version);
    }

    /// <summary>Pooled connections broken by the restart fail once each; the runtime retries, and so does this helper, within a deadline.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            try
            {
                return await read();
            }
            catch (NpgsqlException) when (TimeProvider.System.GetUtcNow() < deadline)
            {
            }
        }
    }
}
