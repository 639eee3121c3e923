using System.Data.Common;
using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>The saga log and headers on SQL: every commit is one transaction checking the lease epoch, then the version.</summary>
internal sealed class SqlSagaStore(AdoNetDatabase database) : ISagaStore
{
    private const string Columns =
        "id, definition, definition_version, partition_id, status, input, output, error, version, parent_id, created_at, updated_at, summary";

    public Task<(SagaRecord Record, bool Created)> CreateAsync(SagaCommit commit, CancellationToken cancellationToken = default)
    {
        SagaCommitRules.Validate(commit, isCreate: true);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                await CheckEpochAsync(connection, transaction, commit, cancellationToken).ConfigureAwait(false);
                var inserted = await HeaderCommand(
                        connection,
                        transaction,
                        $"INSERT INTO sagas ({Columns}) VALUES (@id, @definition, @definitionVersion, @partition, @status, @input, @output, @error, @version, @parentId, @createdAt, @updatedAt, @summary) ON CONFLICT (id) DO NOTHING",
                        commit.Record)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                if (inserted == 0)
                {
                    var existing = await ReadHeaderAsync(connection, transaction, commit.Record.Id, cancellationToken).ConfigureAwait(false);
                    return (existing!, false);
                }

                await WriteSideEffectsAsync(connection, transaction, commit, cancellationToken).ConfigureAwait(false);
                return (commit.Record with { CreatedAt = commit.Record.CreatedAt.ToUniversalTime(), UpdatedAt = commit.Record.UpdatedAt.ToUniversalTime() }, true);
            },
            cancellationToken);
    }

    public Task CommitAsync(SagaCommit commit, CancellationToken cancellationToken = default)
    {
        SagaCommitRules.Validate(commit, isCreate: false);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                await CheckEpochAsync(connection, transaction, commit, cancellationToken).ConfigureAwait(false);
                var updated = await HeaderCommand(
                        connection,
                        transaction,
                        """
                        UPDATE sagas SET definition = @definition, definition_version = @definitionVersion, partition_id = @partition, status = @status,
                            input = @input, output = @output, error = @error, version = @version, parent_id = @parentId,
                            created_at = @createdAt, updated_at = @updatedAt, summary = @summary
                        WHERE id = @id AND version = @expectedVersion
                        """,
                        commit.Record)
                    .With("@expectedVersion", commit.ExpectedVersion)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                if (updated == 0)
                {
                    var current = await ReadHeaderAsync(connection, transaction, commit.Record.Id, cancellationToken).ConfigureAwait(false);
                    var found = current is null ? "no saga" : $"version {current.Version}";
                    throw new StorageConflictException(
                        StorageConflictKind.Version,
                        $"Saga '{commit.Record.Id}' expected at version {commit.ExpectedVersion}, found {found}.");
                }

                await WriteSideEffectsAsync(connection, transaction, commit, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public async Task<SagaRecord?> GetAsync(string sagaId, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadHeaderAsync(connection, null, sagaId, cancellationToken).ConfigureAwait(false);
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
            var items = await command.With("@limit", query.Limit + 1).ListAsync(ReadHeader, cancellationToken).ConfigureAwait(false);
            var hasMore = items.Count > query.Limit;
            if (hasMore)
            {
                items.RemoveAt(items.Count - 1);
            }

            return new SagaPage(items, hasMore ? items[^1].Id : null);
        }
    }

    public async Task<IReadOnlyList<string>> ListRunningAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Command($"SELECT id FROM sagas WHERE status = 'Running' AND {database.InPartitions("partition_id", "@partitions")} ORDER BY id")
                .With("@partitions", database.ToDb(partitions))
                .ListAsync(r => r.GetString(0), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task CheckEpochAsync(DbConnection connection, DbTransaction transaction, SagaCommit commit, CancellationToken cancellationToken)
    {
        var partition = commit.Record.Partition;
        var epoch = await connection.Command($"SELECT epoch FROM saga_leases WHERE partition_id = @partition{database.LockLeaseRowForShare}", transaction)
            .With("@partition", partition)
            .ScalarAsync(cancellationToken).ConfigureAwait(false);
        if (epoch is null || Convert.ToInt64(epoch, System.Globalization.CultureInfo.InvariantCulture) != commit.Epoch)
        {
            var found = epoch is null ? "no lease" : $"epoch {epoch}";
            throw new StorageConflictException(
                StorageConflictKind.Epoch,
                $"Partition {partition} of saga '{commit.Record.Id}' expected at epoch {commit.Epoch}, found {found}.");
        }
    }

    private async Task WriteSideEffectsAsync(DbConnection connection, DbTransaction transaction, SagaCommit commit, CancellationToken cancellationToken)
    {
        foreach (var e in commit.Events)
        {
            await connection.Command("INSERT INTO saga_events (saga_id, seq, event_type, recorded_at, data) VALUES (@id, @seq, @type, @at, @data)", transaction)
                .With("@id", commit.Record.Id)
                .With("@seq", e.Sequence)
                .With("@type", e.Type)
                .With("@at", database.ToDb(e.Timestamp))
                .With("@data", e.Data)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var timerId in commit.TimersToDisarm)
        {
            await connection.Command("DELETE FROM saga_timers WHERE saga_id = @id AND timer_id = @timerId", transaction)
                .With("@id", commit.Record.Id)
                .With("@timerId", timerId)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var timer in commit.TimersToArm)
        {
            await connection.Command(
                    """
                    INSERT INTO saga_timers (saga_id, timer_id, due_at, partition_id) VALUES (@id, @timerId, @dueAt, @partition)
                    ON CONFLICT (saga_id, timer_id) DO UPDATE SET due_at = excluded.due_at, partition_id = excluded.partition_id
                    """,
                    transaction)
                .With("@id", timer.SagaId)
                .With("@timerId", timer.TimerId)
                .With("@dueAt", database.ToDb(timer.DueAt))
                .With("@partition", timer.Partition)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var task in commit.TasksToEnqueue)
        {
            var inserted = await connection.Command(
                    """
                    INSERT INTO saga_tasks (task_id, queue, saga_id, node, attempt, payload, visible_at, available_at)
                    VALUES (@taskId, @queue, @sagaId, @node, @attempt, @payload, @visibleAt, @visibleAt)
                    ON CONFLICT (task_id) DO NOTHING
                    """,
                    transaction)
                .With("@taskId", task.TaskId)
                .With("@queue", task.Queue)
                .With("@sagaId", task.SagaId)
                .With("@node", task.Node)
                .With("@attempt", task.Attempt)
                .With("@payload", task.Payload)
                .With("@visibleAt", database.ToDb(task.VisibleAt))
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            if (inserted == 0)
            {
                throw new StorageConflictException(StorageConflictKind.Exists, $"Task '{task.TaskId}' already exists.");
            }
        }
    }

    private DbCommand HeaderCommand(DbConnection connection, DbTransaction transaction, string sql, SagaRecord record) =>
        connection.Command(sql, transaction)
            .With("@id", record.Id)
            .With("@definition", record.Definition)
            .With("@definitionVersion", record.DefinitionVersion)
            .With("@partition", record.Partition)
            .With("@status", record.Status.ToString())
            .With("@input", record.Input)
            .With("@output", record.Output)
            .With("@error", record.Error)
            .With("@version", record.Version)
            .With("@parentId", record.ParentId)
            .With("@createdAt", database.ToDb(record.CreatedAt))
            .With("@updatedAt", database.ToDb(record.UpdatedAt))
            .With("@summary", record.Summary);

    private async Task<SagaRecord?> ReadHeaderAsync(DbConnection connection, DbTransaction? transaction, string sagaId, CancellationToken cancellationToken)
    {
        var rows = await connection.Command($"SELECT {Columns} FROM sagas WHERE id = @id", transaction)
            .With("@id", sagaId)
            .ListAsync(ReadHeader, cancellationToken)
            .ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private SagaRecord ReadHeader(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Definition = r.GetString(1),
        DefinitionVersion = r.GetInt32(2),
        Partition = r.GetInt32(3),
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
