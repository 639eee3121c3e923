using System.Collections.Concurrent;
using OrleansSagas.Client;
using OrleansSagas.Cluster;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Storage;

namespace OrleansSagas.Testing;

/// <summary>
/// Forwards calls between the in-process nodes of a test cluster. Messages cross through the same codec as the HTTP
/// wire; a node that is not running is unreachable, as a dead or frozen process would be.
/// </summary>
internal sealed class InProcessClusterTransport : IClusterTransport
{
    private readonly ConcurrentDictionary<string, SagaTestNode> _nodes = new(StringComparer.Ordinal);

    public void Register(SagaTestNode node) => _nodes[node.Name] = node;

    public Task<SagaStartResult> StartAsync(MemberRecord target, StartSaga start, CancellationToken cancellationToken)
    {
        var (type, body) = ClusterMessageCodec.Encode(start);
        return Reach(target).Inbox.StartAsync((StartSaga)ClusterMessageCodec.Decode(type, body), cancellationToken);
    }

    public Task DeliverAsync(MemberRecord target, string sagaId, SagaMessage message, CancellationToken cancellationToken)
    {
        var (type, body) = ClusterMessageCodec.Encode(message);
        return Reach(target).Inbox.DeliverAsync(sagaId, ClusterMessageCodec.Decode(type, body), cancellationToken);
    }

    private SagaTestNode Reach(MemberRecord target) =>
        _nodes.TryGetValue(target.Node, out var node) && node.Status == SagaTestNodeStatus.Running
            ? node
            : throw new IOException($"Node {target.Node} at {target.Address} is unreachable.");
}
