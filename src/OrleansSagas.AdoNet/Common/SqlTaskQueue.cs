using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>
/// The task queue on SQL. A lease moves the task's available_at to the lease expiry and stamps a fresh token,
/// so the task is invisible to other workers until the lease lapses, and an old token stops working once it is leased again.
/// </summary>
internal sealed class SqlTaskQueue(AdoNetDatabase database) : ITaskQueue
{
    public Task<LeasedTask?> TryLeaseAsync(string queue, string workerId, TimeSpan leaseFor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseFor, TimeSpan.Zero);
        var token = Guid.NewGuid().ToString("N");
        var until = (now + leaseFor).ToUniversalTime();
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var leased = await connection.Command(
                        $"""
                        UPDATE saga_tasks SET lease_token = @token, available_at = @until, deliveries = deliveries + 1
                        WHERE seq = (
                            SELECT seq FROM saga_tasks WHERE queue = @queue AND available_at <= @now
                            ORDER BY available_at, seq LIMIT 1{database.LockRowSkipLocked})
                        RETURNING task_id, queue, saga_id, node, attempt, payload, visible_at, deliveries
                        """,
                        transaction)
                    .With("@token", token)
                    .With("@until", database.ToDb(until))
                    .With("@queue", queue)
                    .With("@now", database.ToDb(now))
                    .ListAsync(
                        r => new LeasedTask(
                            new TaskEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetString(5), database.ReadTime(r, 6)),
                            token,
                            until,
                            r.GetInt32(7)),
                        cancellationToken)
                    .ConfigureAwait(false);
                return leased.Count == 0 ? null : leased[0];
            },
            cancellationToken);
    }

    public Task<bool> ExtendLeaseAsync(string taskId, string leaseToken, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.Command("UPDATE saga_tasks SET available_at = @until WHERE task_id = @taskId AND lease_token = @token", transaction)
                .With("@until", database.ToDb(until))
                .With("@taskId", taskId)
                .With("@token", leaseToken)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task<bool> CompleteAsync(string taskId, string leaseToken, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.Command("DELETE FROM saga_tasks WHERE task_id = @taskId AND lease_token = @token", transaction)
                .With("@taskId", taskId)
                .With("@token", leaseToken)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task RemoveAsync(string taskId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.Command("DELETE FROM saga_tasks WHERE task_id = @taskId", transaction)
                .With("@taskId", taskId)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false),
            cancellationToken);
}
