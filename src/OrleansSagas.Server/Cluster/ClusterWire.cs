using System.Text.Json;

namespace OrleansSagas.Server.Cluster;

/// <summary>The paths and bodies of the node-to-node protocol (not part of the public API).</summary>
internal static class ClusterWire
{
    public const string StartPath = "internal/cluster/start";
    public const string DeliverPath = "internal/cluster/deliver";

    /// <summary>421 Misdirected Request: this node does not own the saga (any more); ask the lease table again.</summary>
    public const int NotOwnedStatus = 421;
}

/// <summary>A message for a saga, as one node hands it to the owner.</summary>
/// <param name="SagaId">The saga.</param>
/// <param name="Type">The message type (see <see cref="OrleansSagas.Cluster.ClusterMessageCodec"/>).</param>
/// <param name="Message">The message body.</param>
internal sealed record ForwardedMessage(string SagaId, string Type, JsonElement Message);

/// <summary>Why a forwarded call failed, so the sender can throw the same exception the owner did.</summary>
/// <param name="Kind">notOwned, notFound, definitionNotFound, conflict or input.</param>
/// <param name="Message">The owner's message.</param>
/// <param name="Id">The saga id, or the definition name for definitionNotFound.</param>
/// <param name="Field">The field at fault (input).</param>
/// <param name="TooLarge">True when the field is over the payload limit (input).</param>
/// <param name="Partition">The saga's partition (notOwned).</param>
internal sealed record ForwardedError(string Kind, string Message, string? Id = null, string? Field = null, bool TooLarge = false, int Partition = 0);
