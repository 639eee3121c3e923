using System.Data;
using System.Data.Common;
using Npgsql;
using OrleansSagas.AdoNet.Common;

namespace OrleansSagas.AdoNet.PostgreSql;

/// <summary>
/// PostgreSQL runs many writers at once: each write is a READ COMMITTED transaction on a pooled connection, with
/// row locks where the SQL ports need them (the lease row FOR SHARE during a commit, SKIP LOCKED for the task queue)
/// and advisory locks for migrations and definition registrations. Errors, transient or not, surface to the caller.
/// </summary>
internal sealed class PostgreSqlDatabase(NpgsqlDataSource dataSource) : AdoNetDatabase
{
    // Arbitrary but fixed: every node migrating the same database takes the same lock.
    private const long MigrationLockKey = 0x4F_53_61_67_61_73_01; // "OSagas" + 1

    public override string Vendor => "PostgreSQL";

    public override string? LockDefinitionName => "SELECT pg_advisory_xact_lock(1330864481, hashtext(@name))";

    public override string? LockMigration => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    public override object ToDb(DateTimeOffset value) => value.UtcDateTime;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();

    protected override async Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<T> RunWriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }
}
