using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Runtime;

namespace OrleansSagas.Cluster;

/// <summary>
/// Receives the calls other nodes forward to this one (through an <see cref="IClusterTransport"/>) and runs them on
/// the local activation. It never forwards again: when this node does not own the saga (any more), it throws
/// <see cref="SagaNotOwnedException"/> and the sender looks the owner up again.
/// </summary>
public sealed class ClusterInbox
{
    private readonly SagaRuntime _runtime;

    internal ClusterInbox(SagaRuntime runtime) => _runtime = runtime;

    /// <summary>Starts a saga of this node's partitions, idempotently (same rules as a local start).</summary>
    /// <exception cref="SagaNotOwnedException">This node does not own the saga's partition.</exception>
    /// <exception cref="DefinitionNotFoundException">This node does not know the definition version.</exception>
    /// <exception cref="SagaConflictException">The saga exists with another definition or input.</exception>
    public async Task<SagaStartResult> StartAsync(StartSaga start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!_runtime.Owns(start.SagaId)) throw new SagaNotOwnedException(start.SagaId, _runtime.PartitionOf(start.SagaId));
        var definition = await _runtime.Definitions.GetAsync(start.Definition, start.Version, cancellationToken).ConfigureAwait(false);
        return await _runtime.Call(start.SagaId, actor => actor.StartAsync(definition, start.Input, start.ParentId, start.ParentNode)).ConfigureAwait(false);
    }

    /// <summary>Delivers a message to a saga of this node's partitions; returns once its decision is durable.</summary>
    /// <exception cref="SagaNotOwnedException">This node does not own the saga's partition.</exception>
    /// <exception cref="SagaNotFoundException">No saga has the id.</exception>
    public async Task DeliverAsync(string sagaId, SagaMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await _runtime.Call(sagaId, actor => actor.HandleAsync(message)).ConfigureAwait(false))
            throw new SagaNotFoundException(sagaId);
    }
}
