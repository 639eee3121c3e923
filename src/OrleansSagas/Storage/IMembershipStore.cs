namespace OrleansSagas.Storage;

/// <summary>The membership table: which nodes exist, where they listen, and when they last proved alive.</summary>
public interface IMembershipStore
{
    /// <summary>Inserts or replaces a node's row.</summary>
    Task UpsertAsync(MemberRecord member, CancellationToken cancellationToken = default);

    /// <summary>Records a heartbeat; false if the node's row is missing or declared dead (the node must stop).</summary>
    Task<bool> HeartbeatAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Sets a node's status.</summary>
    Task SetStatusAsync(string node, MemberStatus status, CancellationToken cancellationToken = default);

    /// <summary>Every row.</summary>
    Task<IReadOnlyList<MemberRecord>> ListAsync(CancellationToken cancellationToken = default);
}
