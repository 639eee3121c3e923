using System.Text.Json;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Runtime;

namespace OrleansSagas.Testing;

/// <summary>
/// A client of the whole test cluster, as the HTTP client with several gateways is of a real one: each call goes to
/// the next running node (round robin); when that node dies under it or the saga's partition is changing hands,
/// the call is retried on another node until <see cref="SagaTestCluster.ClientRetryTimeout"/>.
/// </summary>
internal sealed class SagaTestClusterClient(SagaTestCluster cluster) : ISagaClient
{
    private int _next;

    public Task<SagaStartResult> StartAsync(string definition, JsonElement input, string? id = null, CancellationToken cancellationToken = default)
    {
        // A generated id is fixed before the first try, so a retry cannot start a second saga.
        var sagaId = id ?? Guid.NewGuid().ToString("N");
        return Retry(c => c.StartAsync(definition, input, sagaId, cancellationToken), cancellationToken);
    }

    public SagaHandle GetHandle(string id) => new(this, id);

    public Task<SagaDescription> DescribeAsync(string id, CancellationToken cancellationToken = default) =>
        Retry(c => c.DescribeAsync(id, cancellationToken), cancellationToken);

    public Task<SagaDescription> WaitAsync(string id, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        Retry(c => c.WaitAsync(id, maxWait, cancellationToken), cancellationToken);

    public Task SignalAsync(string id, string name, JsonElement payload, CancellationToken cancellationToken = default) =>
        Retry(async c =>
        {
            await c.SignalAsync(id, name, payload, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task CancelAsync(string id, CancellationToken cancellationToken = default) =>
        Retry(async c =>
        {
            await c.CancelAsync(id, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<SagaHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken = default) =>
        Retry(c => c.GetHistoryAsync(id, cancellationToken), cancellationToken);

    public Task<SagaListPage> ListAsync(SagaStatus? status = null, string? definition = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default) =>
        Retry(c => c.ListAsync(status, definition, limit, after, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DefinitionInfo>> ListDefinitionsAsync(CancellationToken cancellationToken = default) =>
        Retry(c => c.ListDefinitionsAsync(cancellationToken), cancellationToken);

    private async Task<T> Retry<T>(Func<ISagaClient, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var node = NextRunningNode();
            try
            {
                if (node is not null) return await call(node.Client).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && TimeProvider.System.GetElapsedTime(started) < cluster.ClientRetryTimeout)
            {
                // The node died under the call, or the saga is changing hands: try again, elsewhere.
            }
            if (TimeProvider.System.GetElapsedTime(started) >= cluster.ClientRetryTimeout)
                throw new InvalidOperationException("No running node of the test cluster answered in time.");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(200).Ticks));
        }
    }

    private SagaTestNode? NextRunningNode()
    {
        var running = cluster.Nodes.Where(n => n.Status == SagaTestNodeStatus.Running).ToList();
        return running.Count == 0 ? null : running[(int)((uint)Interlocked.Increment(ref _next) % (uint)running.Count)];
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        SagaNotOwnedException => true,
        SagaException => false,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        IOException or ObjectDisposedException or System.Threading.Channels.ChannelClosedException => true,
        _ => false,
    };
}
