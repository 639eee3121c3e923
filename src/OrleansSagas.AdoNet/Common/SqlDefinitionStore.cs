using System.Data.Common;
using System.Globalization;
using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>The versioned definition registry on SQL.</summary>
internal sealed class SqlDefinitionStore(AdoNetDatabase database) : IDefinitionStore
{
    private const string Columns = "name, version, kind, content, created_at";

    public Task<(DefinitionRecord Record, bool Created)> PutAsync(string name, string kind, string content, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                if (database.LockDefinitionName is { } lockStatement)
                {
                    await connection.Command(lockStatement, transaction).With("@name", name).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                }

                var latest = await ReadAsync(connection, transaction, name, null, cancellationToken).ConfigureAwait(false);
                if (latest is not null && latest.Kind == kind && latest.Content == content)
                {
                    return (latest, false);
                }

                var record = new DefinitionRecord(name, (latest?.Version ?? 0) + 1, kind, content, now.ToUniversalTime());
                await connection.Command($"INSERT INTO saga_definitions ({Columns}) VALUES (@name, @version, @kind, @content, @createdAt)", transaction)
                    .With("@name", record.Name)
                    .With("@version", record.Version)
                    .With("@kind", record.Kind)
                    .With("@content", record.Content)
                    .With("@createdAt", database.ToDb(record.CreatedAt))
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return (record, true);
            },
            cancellationToken);

    public async Task<DefinitionRecord?> GetAsync(string name, int? version = null, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadAsync(connection, null, name, version, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<DefinitionRecord>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Command(
                    $"""
                    SELECT {Columns} FROM saga_definitions d
                    WHERE version = (SELECT MAX(version) FROM saga_definitions l WHERE l.name = d.name)
                    ORDER BY name
                    """)
                .ListAsync(Read, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<DefinitionRecord?> ReadAsync(DbConnection connection, DbTransaction? transaction, string name, int? version, CancellationToken cancellationToken)
    {
        var command = version is null
            ? connection.Command($"SELECT {Columns} FROM saga_definitions WHERE name = @name ORDER BY version DESC LIMIT 1", transaction)
            : connection.Command($"SELECT {Columns} FROM saga_definitions WHERE name = @name AND version = @version", transaction)
                .With("@version", version.Value);
        var rows = await command.With("@name", name).ListAsync(Read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private DefinitionRecord Read(DbDataReader r) =>
        new(r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2), r.GetString(3), database.ReadTime(r, 4));
}
