using System.Net.Http.Json;
using OrleansSagas.Client;
using OrleansSagas.Cluster;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Server.Cluster;

/// <summary>
/// Forwards calls to other nodes over HTTP, at the addresses of the membership table, and turns their answers back
/// into the exceptions the owner threw. Each attempt is bounded, so a frozen node cannot hold a call for long; the
/// cluster router retries elsewhere.
/// </summary>
internal sealed class HttpClusterTransport : IClusterTransport, IDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<SagaStartResult> StartAsync(MemberRecord target, StartSaga start, CancellationToken cancellationToken)
    {
        var (_, body) = ClusterMessageCodec.Encode(start);
        using var response = await PostAsync(target, ClusterWire.StartPath, JsonContent.Create(body, options: SagaJson.Options), cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, start.SagaId, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<SagaStartResult>(SagaJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"Node {target.Node} answered an empty start result.");
    }

    public async Task DeliverAsync(MemberRecord target, string sagaId, SagaMessage message, CancellationToken cancellationToken)
    {
        var (type, body) = ClusterMessageCodec.Encode(message);
        var forwarded = new ForwardedMessage(sagaId, type, body);
        using var response = await PostAsync(target, ClusterWire.DeliverPath, JsonContent.Create(forwarded, options: SagaJson.Options), cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, sagaId, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> PostAsync(MemberRecord target, string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        var uri = new Uri(new Uri(target.Address.TrimEnd('/') + "/"), path);
        try
        {
            return await _http.PostAsync(uri, content, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"Node {target.Node} at {target.Address} did not answer within {AttemptTimeout.TotalSeconds} s.", e);
        }
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, string sagaId, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        ForwardedError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<ForwardedError>(SagaJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not an answer of the protocol (a proxy, a node of another version): treated as unreachable below.
        }
        throw error?.Kind switch
        {
            "notOwned" => new SagaNotOwnedException(sagaId, error.Partition),
            "notFound" => new SagaNotFoundException(error.Id ?? sagaId),
            "definitionNotFound" => new DefinitionNotFoundException(error.Id ?? "?"),
            "conflict" => new SagaConflictException(error.Id ?? sagaId, error.Message),
            "input" => new SagaInputException(error.Field ?? "body", error.Message, error.TooLarge),
            _ => new HttpRequestException($"The owner answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode),
        };
    }
}
