using System.Data.Common;
using System.Globalization;
using System.Text;
using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>
/// The saga catalog and history on SQL. A batch is one transaction of multi-row statements: rows upserted only when
/// newer, events inserted unless present, so replaying a batch after a crash changes nothing twice.
/// </summary>
internal sealed class SqlSagaCatalog(AdoNetDatabase database) : ISagaCatalog
{
    private const string Columns =
        "id, definition, definition_version, partition_id, status, input, output, error, version, parent_id, created_at, updated_at, summary";

    private const int RowsPerStatement = 200;

    public Task WriteAsync(IReadOnlyList<SagaRecord> records, IReadOnlyList<SagaEventRecord> events, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0 && events.Count == 0) return Task.CompletedTask;
        // One row per saga (the newest; the first of equal versions): PostgreSQL refuses a statement that upserts a row
        // twice. Rows and events go in key order, so concurrent batches lock shared rows in the same order.
        var newestRecords = records
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .Select(g => g.Aggregate((newest, r) => r.Version > newest.Version ? r : newest))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var distinctEvents = events
            .DistinctBy(e => (e.SagaId, e.Event.Sequence))
            .OrderBy(e => e.SagaId, StringComparer.Ordinal)
            .ThenBy(e => e.Event.Sequence)
            .ToList();
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var chunk in newestRecords.Chunk(RowsPerStatement))
                    await UpsertRows(connection, transaction, chunk).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                foreach (var chunk in distinctEvents.Chunk(RowsPerStatement * 2))
                    await InsertEvents(connection, transaction, chunk).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public async Task<SagaRecord?> GetAsync(string sagaId, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.Command($"SELECT {Columns} FROM sagas WHERE id = @id")
                .With("@id", sagaId)
                .ListAsync(ReadRow, cancellationToken)
                .ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sagaId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Command("SELECT seq, event_type, recorded_at, data FROM saga_events WHERE saga_id = @id AND seq > @after ORDER BY seq")
                .With("@id", sagaId)
                .With("@after", afterSequence)
                .ListAsync(r => new StoredEvent(r.GetInt64(0), r.GetString(1), database.ReadTime(r, 2), r.GetString(3)), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task<SagaPage> QueryAsync(SagaQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000, nameof(query));
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Command("");
            var filters = new List<string>();
            if (query.Status is { } status)
            {
                filters.Add("status = @status");
                command.With("@status", status.ToString());
            }

            if (query.Definition is not null)
            {
                filters.Add("definition = @definition");
                command.With("@definition", query.Definition);
            }

            if (query.After is not null)
            {
                filters.Add("id > @after");
                command.With("@after", query.After);
            }

            var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
            command.CommandText = $"SELECT {Columns} FROM sagas {where} ORDER BY id LIMIT @limit";
            var items = await command.With("@limit", query.Limit + 1).ListAsync(ReadRow, cancellationToken).ConfigureAwait(false);
            var hasMore = items.Count > query.Limit;
            if (hasMore) items.RemoveAt(items.Count - 1);
            return new SagaPage(items, hasMore ? items[^1].Id : null);
        }
    }

    public async Task<IReadOnlyList<string>> ListRunningAsync(string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Command(afterId is null
                ? "SELECT id FROM sagas WHERE status = 'Running' ORDER BY id LIMIT @limit"
                : "SELECT id FROM sagas WHERE status = 'Running' AND id > @after ORDER BY id LIMIT @limit");
            if (afterId is not null) command.With("@after", afterId);
            return await command.With("@limit", limit).ListAsync(r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        }
    }

    private DbCommand UpsertRows(DbConnection connection, DbTransaction transaction, SagaRecord[] rows)
    {
        var sql = new StringBuilder($"INSERT INTO sagas ({Columns}) VALUES ");
        var command = connection.Command("", transaction);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var p = "@r" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"({p}id, {p}d, {p}dv, 0, {p}s, {p}in, {p}out, {p}err, {p}v, {p}pid, {p}ca, {p}ua, {p}sum)");
            command.With(p + "id", r.Id).With(p + "d", r.Definition).With(p + "dv", r.DefinitionVersion).With(p + "s", r.Status.ToString())
                .With(p + "in", r.Input).With(p + "out", r.Output).With(p + "err", r.Error).With(p + "v", r.Version).With(p + "pid", r.ParentId)
                .With(p + "ca", database.ToDb(r.CreatedAt)).With(p + "ua", database.ToDb(r.UpdatedAt)).With(p + "sum", r.Summary);
        }
        sql.Append("""
             ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, definition_version = excluded.definition_version,
                status = excluded.status, input = excluded.input, output = excluded.output, error = excluded.error, version = excluded.version,
                parent_id = excluded.parent_id, created_at = excluded.created_at, updated_at = excluded.updated_at, summary = excluded.summary
            WHERE sagas.version < excluded.version
            """);
        command.CommandText = sql.ToString();
        return command;
    }

    private DbCommand InsertEvents(DbConnection connection, DbTransaction transaction, SagaEventRecord[] events)
    {
        var sql = new StringBuilder("INSERT INTO saga_events (saga_id, seq, event_type, recorded_at, data) VALUES ");
        var command = connection.Command("", transaction);
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            var p = "@e" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({p}id, {p}seq, {p}t, {p}at, {p}data)");
            command.With(p + "id", e.SagaId).With(p + "seq", e.Event.Sequence).With(p + "t", e.Event.Type)
                .With(p + "at", database.ToDb(e.Event.Timestamp)).With(p + "data", e.Event.Data);
        }
        sql.Append(" ON CONFLICT (saga_id, seq) DO NOTHING");
        command.CommandText = sql.ToString();
        return command;
    }

    private SagaRecord ReadRow(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Definition = r.GetString(1),
        DefinitionVersion = r.GetInt32(2),
        Status = Enum.Parse<SagaStatus>(r.GetString(4)),
        Input = r.GetString(5),
        Output = r.NullableString(6),
        Error = r.NullableString(7),
        Version = r.GetInt64(8),
        ParentId = r.NullableString(9),
        CreatedAt = database.ReadTime(r, 10),
        UpdatedAt = database.ReadTime(r, 11),
        Summary = r.NullableString(12),
    };
}
