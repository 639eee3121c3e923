using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>Reads the due-time index of durable timers.</summary>
internal sealed class SqlTimerStore(AdoNetDatabase database) : ITimerStore
{
    public async Task<IReadOnlyList<TimerEntry>> GetDueAsync(DateTimeOffset until, IReadOnlyCollection<int> partitions, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Command(
                    $"""
                    SELECT saga_id, timer_id, due_at, partition_id FROM saga_timers
                    WHERE due_at <= @until AND {database.InPartitions("partition_id", "@partitions")}
                    ORDER BY due_at, saga_id, timer_id LIMIT @limit
                    """)
                .With("@until", database.ToDb(until))
                .With("@partitions", database.ToDb(partitions))
                .With("@limit", limit)
                .ListAsync(r => new TimerEntry(r.GetString(0), r.GetString(1), database.ReadTime(r, 2), r.GetInt32(3)), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<TimerEntry>> GetForSagaAsync(string sagaId, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Command("SELECT saga_id, timer_id, due_at, partition_id FROM saga_timers WHERE saga_id = @id ORDER BY due_at, timer_id")
                .With("@id", sagaId)
                .ListAsync(r => new TimerEntry(r.GetString(0), r.GetString(1), database.ReadTime(r, 2), r.GetInt32(3)), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
