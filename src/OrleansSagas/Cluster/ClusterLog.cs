using Microsoft.Extensions.Logging;

namespace OrleansSagas.Cluster;

/// <summary>The cluster layer's structured log messages.</summary>
internal sealed partial class ClusterLog(ILogger logger)
{
    [LoggerMessage(101, LogLevel.Information, "Node {Node} joined the cluster at {Address}")]
    public partial void Joined(string node, string address);

    [LoggerMessage(102, LogLevel.Information, "Node {Node} acquired partitions {Partitions}")]
    public partial void Acquired(string node, string partitions);

    [LoggerMessage(103, LogLevel.Information, "Node {Node} released partitions {Partitions} to rebalance")]
    public partial void Released(string node, string partitions);

    [LoggerMessage(104, LogLevel.Warning, "Node {Node} lost partitions {Partitions}: {Reason}")]
    public partial void Lost(string node, string partitions, string reason);

    [LoggerMessage(105, LogLevel.Warning, "Node {Node} declared node {Dead} dead: no heartbeat since {LastHeartbeat:O}")]
    public partial void DeclaredDead(string node, string dead, DateTimeOffset lastHeartbeat);

    [LoggerMessage(106, LogLevel.Warning, "Node {Node} was declared dead by the cluster while running; it registers again")]
    public partial void Rejoined(string node);

    [LoggerMessage(107, LogLevel.Warning, "Node {Node} could not reach the store for cluster coordination; retrying")]
    public partial void TickFailed(string node, Exception exception);

    [LoggerMessage(108, LogLevel.Information, "Node {Node} left the cluster and handed over {Count} partitions")]
    public partial void Left(string node, int count);

    [LoggerMessage(109, LogLevel.Warning, "Node {Node} could not leave the cluster cleanly; its leases will lapse")]
    public partial void LeaveFailed(string node, Exception exception);

    [LoggerMessage(110, LogLevel.Debug, "A call for saga {SagaId} could not reach the owner of partition {Partition}; retrying")]
    public partial void ForwardRetry(string sagaId, int partition, Exception? exception);

    [LoggerMessage(111, LogLevel.Warning, "A partition ownership handler failed for partition {Partition}")]
    public partial void HandlerFailed(int partition, Exception exception);
}
