using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Cluster;

/// <summary>
/// Carries calls for sagas this node does not own to their owner: looks the owner up in the lease table and sends
/// the call through the <see cref="IClusterTransport"/>. While a partition changes hands (no owner yet, the owner
/// just lost it, or it cannot be reached) it retries with backoff for up to <see cref="ClusterOptions.ForwardTimeout"/>;
/// when this node becomes the owner meanwhile, the call runs here.
/// </summary>
internal sealed class ClusterRouter(SagaRuntime runtime, ClusterOwnership ownership, ClusterInbox inbox, IOptions<ClusterOptions> options,
    ILogger<ClusterRouter> logger, IClusterTransport? transport = null)
{
    private readonly ClusterLog _log = new(logger);

    /// <summary>Installs the router in the runtime's remote hooks.</summary>
    public void Attach()
    {
        runtime.RemoteStart = StartAsync;
        runtime.RemoteDelivery = DeliverAsync;
    }

    public Task<SagaStartResult> StartAsync(StartSaga start) => RouteAsync(start.SagaId,
        ct => inbox.StartAsync(start, ct),
        (owner, ct) => Transport.StartAsync(owner, start, ct));

    public Task DeliverAsync(string sagaId, SagaMessage message) => RouteAsync(sagaId,
        async ct =>
        {
            await inbox.DeliverAsync(sagaId, message, ct).ConfigureAwait(false);
            return true;
        },
        async (owner, ct) =>
        {
            await Transport.DeliverAsync(owner, sagaId, message, ct).ConfigureAwait(false);
            return true;
        });

    private IClusterTransport Transport => transport
        ?? throw new InvalidOperationException("No cluster transport is registered: nodes cannot forward calls to each other (add one, e.g. the HTTP transport of OrleansSagas.Server).");

    private async Task<T> RouteAsync<T>(string sagaId, Func<CancellationToken, Task<T>> local, Func<MemberRecord, CancellationToken, Task<T>> remote)
    {
        var partition = runtime.PartitionOf(sagaId);
        // Real time on purpose: these waits are for the network and the lease table, not for saga time.
        var started = TimeProvider.System.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Value.ForwardTimeout);
        var delay = TimeSpan.FromMilliseconds(20);
        var refresh = false;
        while (true)
        {
            Exception? failure = null;
            try
            {
                if (runtime.Owns(sagaId)) return await local(timeout.Token).ConfigureAwait(false);
                var owner = await ownership.FindOwnerAsync(partition, refresh, timeout.Token).ConfigureAwait(false);
                if (owner is not null && owner.Node != ownership.NodeName)
                    return await remote(owner, timeout.Token).ConfigureAwait(false);
            }
            catch (SagaNotOwnedException e)
            {
                failure = e;
            }
            catch (Exception e) when (e is not SagaException)
            {
                // Unreachable owner, or the store failed while looking it up: both pass, or the deadline ends it.
                failure = e;
            }
            if (timeout.IsCancellationRequested || TimeProvider.System.GetElapsedTime(started) + delay >= options.Value.ForwardTimeout)
                throw new SagaNotOwnedException(sagaId, partition);
            _log.ForwardRetry(sagaId, partition, failure);
            await Task.Delay(delay, CancellationToken.None).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
            refresh = true;
        }
    }
}
