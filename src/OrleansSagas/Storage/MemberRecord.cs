namespace OrleansSagas.Storage;

/// <summary>A row of the membership table.</summary>
/// <param name="Node">The node name (unique per process start).</param>
/// <param name="Address">The node's HTTP address, used to forward calls for sagas it owns.</param>
/// <param name="StartedAt">When the node started.</param>
/// <param name="Status">Its lifecycle status.</param>
/// <param name="LastHeartbeat">When it last renewed.</param>
public sealed record MemberRecord(string Node, string Address, DateTimeOffset StartedAt, MemberStatus Status, DateTimeOffset LastHeartbeat);
