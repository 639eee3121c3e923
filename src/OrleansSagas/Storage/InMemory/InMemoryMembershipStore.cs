namespace OrleansSagas.Storage.InMemory;

internal sealed class InMemoryMembershipStore(InMemoryDatabase database) : IMembershipStore
{
    public Task UpsertAsync(MemberRecord member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (database.Gate)
        {
            database.Members[member.Node] = member.ToUtc();
        }

        return Task.CompletedTask;
    }

    public Task<bool> HeartbeatAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            if (!database.Members.TryGetValue(node, out var member) || member.Status == MemberStatus.Dead)
            {
                return Task.FromResult(false);
            }

            database.Members[node] = member with { LastHeartbeat = at.ToUniversalTime() };
            return Task.FromResult(true);
        }
    }

    public Task SetStatusAsync(string node, MemberStatus status, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            if (database.Members.TryGetValue(node, out var member))
            {
                database.Members[node] = member with { Status = status };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MemberRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            IReadOnlyList<MemberRecord> members = database.Members.Values.OrderBy(m => m.Node, StringComparer.Ordinal).ToArray();
            return Task.FromResult(members);
        }
    }
}
