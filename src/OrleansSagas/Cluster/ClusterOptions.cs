namespace OrleansSagas.Cluster;

/// <summary>
/// Settings of a node in a cluster: how long partition leases last, how often they are renewed, and when a silent
/// node is declared dead. The defaults bound the takeover of an abruptly killed node's sagas to about 3–4 seconds
/// (its leases lapse at most <see cref="LeaseDuration"/> after its last renewal, and survivors look every
/// <see cref="RenewInterval"/>). Every node of a cluster should use the same settings. Validated at start.
/// </summary>
/// <remarks>
/// Lease expiry and heartbeat ages are compared across nodes, so node clocks must agree to well within
/// <see cref="LeaseSafetyMargin"/>. Safety never depends on clocks: every saga write is fenced by the partition's
/// epoch, so a node that is late to notice a lost lease has its writes rejected, never applied.
/// </remarks>
public sealed class ClusterOptions
{
    /// <summary>How long a partition lease lasts unless renewed. Default 3 seconds.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a node renews its leases and rebalances partitions across live nodes. Default 1 second.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A node stops writing to a partition this long before its lease would lapse unless renewed (it treats the
    /// partition as lost), so it never competes with a new owner. Default 500 milliseconds.
    /// </summary>
    public TimeSpan LeaseSafetyMargin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a node records a heartbeat in the membership table. Default 1 second.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A node whose last heartbeat is older than this is declared dead by the others. Default 3 seconds.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a call for a saga owned by another node keeps trying to reach an owner (while a partition changes
    /// hands, or the owner is unreachable) before failing with <see cref="Runtime.SagaNotOwnedException"/>.
    /// Measured in real time. Default 15 seconds.
    /// </summary>
    public TimeSpan ForwardTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Checks every setting and names the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        Positive(LeaseDuration, nameof(LeaseDuration));
        Positive(RenewInterval, nameof(RenewInterval));
        Positive(HeartbeatInterval, nameof(HeartbeatInterval));
        Positive(DeadAfter, nameof(DeadAfter));
        Positive(ForwardTimeout, nameof(ForwardTimeout));
        if (LeaseSafetyMargin < TimeSpan.Zero || LeaseSafetyMargin >= LeaseDuration)
            throw new ArgumentException($"Sagas:Cluster:LeaseSafetyMargin must be at least 0 and less than LeaseDuration (was {LeaseSafetyMargin}).", nameof(LeaseSafetyMargin));
        if (RenewInterval >= LeaseDuration - LeaseSafetyMargin)
            throw new ArgumentException(
                $"Sagas:Cluster:RenewInterval ({RenewInterval}) must be shorter than LeaseDuration minus LeaseSafetyMargin ({LeaseDuration - LeaseSafetyMargin}), or leases lapse between renewals.",
                nameof(RenewInterval));
        if (HeartbeatInterval >= DeadAfter)
            throw new ArgumentException(
                $"Sagas:Cluster:HeartbeatInterval ({HeartbeatInterval}) must be shorter than DeadAfter ({DeadAfter}), or live nodes are declared dead.",
                nameof(HeartbeatInterval));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentException($"Sagas:Cluster:{name} must be positive (was {value}).", name);
    }
}
