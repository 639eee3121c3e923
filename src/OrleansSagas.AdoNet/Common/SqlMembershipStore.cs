using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>The membership table on SQL.</summary>
internal sealed class SqlMembershipStore(AdoNetDatabase database) : IMembershipStore
{
    public Task UpsertAsync(MemberRecord member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        return database.WriteAsync(
            async (connection, transaction) => await connection.Command(
                    """
                    INSERT INTO saga_members (node, address, started_at, status, last_heartbeat) VALUES (@node, @address, @startedAt, @status, @heartbeat)
                    ON CONFLICT (node) DO UPDATE SET address = excluded.address, started_at = excluded.started_at,
                        status = excluded.status, last_heartbeat = excluded.last_heartbeat
                    """,
                    transaction)
                .With("@node", member.Node)
                .With("@address", member.Address)
                .With("@startedAt", database.ToDb(member.StartedAt))
                .With("@status", member.Status.ToString())
                .With("@heartbeat", database.ToDb(member.LastHeartbeat))
                .ExecuteAsync(cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<bool> HeartbeatAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.Command("UPDATE saga_members SET last_heartbeat = @at WHERE node = @node AND status <> 'Dead'", transaction)
                .With("@at", database.ToDb(at))
                .With("@node", node)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task SetStatusAsync(string node, MemberStatus status, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.Command("UPDATE saga_members SET status = @status WHERE node = @node", transaction)
                .With("@status", status.ToString())
                .With("@node", node)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public async Task<IReadOnlyList<MemberRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Command("SELECT node, address, started_at, status, last_heartbeat FROM saga_members ORDER BY node")
                .ListAsync(
                    r => new MemberRecord(r.GetString(0), r.GetString(1), database.ReadTime(r, 2), Enum.Parse<MemberStatus>(r.GetString(3)), database.ReadTime(r, 4)),
                    cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
