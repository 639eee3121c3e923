using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Storage;

namespace OrleansSagas.Cluster;

/// <summary>
/// How a node reaches another node of its cluster, to start or message a saga the other node owns. The receiving
/// node hands the call to its <see cref="ClusterInbox"/>. Implementations: HTTP between silos (OrleansSagas.Server),
/// direct calls between in-process nodes (OrleansSagas.Testing).
/// </summary>
/// <remarks>
/// Errors must come back as the same exceptions the inbox threw: <see cref="Runtime.SagaNotOwnedException"/> when
/// the target no longer owns the saga (the caller looks the owner up again and retries),
/// <see cref="SagaNotFoundException"/>, <see cref="SagaConflictException"/>, <see cref="DefinitionNotFoundException"/>,
/// <see cref="SagaInputException"/>. Any other exception means the target could not be reached; the caller retries.
/// </remarks>
public interface IClusterTransport
{
    /// <summary>Starts (idempotently) a saga on <paramref name="target"/>, which owns its partition.</summary>
    Task<SagaStartResult> StartAsync(MemberRecord target, StartSaga start, CancellationToken cancellationToken);

    /// <summary>Delivers <paramref name="message"/> to saga <paramref name="sagaId"/> on <paramref name="target"/>, which owns it; returns once the saga decided on it durably.</summary>
    Task DeliverAsync(MemberRecord target, string sagaId, SagaMessage message, CancellationToken cancellationToken);
}
