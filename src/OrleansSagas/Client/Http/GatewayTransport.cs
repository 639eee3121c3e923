using System.Net;
using System.Net.Http;

namespace OrleansSagas.Client.Http;

/// <summary>
/// Sends one API call with retries and gateway failover. A failure that proves the request never reached a node
/// (connection refused, name not resolved, 503) is retried for any call; one after which the node may have acted
/// (timeout, connection lost mid-call, 500/502/504) only for idempotent calls, so a retry never duplicates an effect.
/// </summary>
internal sealed class GatewayTransport(Func<HttpClient> http, SagaClientOptions options, TimeProvider time, HttpClientLog log)
{
    // A base address must end with '/' or resolving "api/…" against it would drop its last path segment.
    private readonly IReadOnlyList<Uri> _gateways = [.. options.AllGateways().Select(g => g.AbsoluteUri.EndsWith('/') ? g : new Uri(g.AbsoluteUri + "/"))];
    private int _preferred;

    /// <summary>The gateway calls go to first (the last one that worked).</summary>
    public Uri CurrentGateway => _gateways[Volatile.Read(ref _preferred) % _gateways.Count];

    /// <summary>Sends the request built by <paramref name="create"/> against a gateway base address; returns any response below 500, or the last one.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<Uri, HttpRequestMessage> create, bool idempotent, TimeSpan extraTimeout, CancellationToken cancellationToken)
    {
        var tried = new HashSet<int>();
        var delay = options.RetryDelay;
        Exception? last = null;
        for (var attempt = 1; ; attempt++)
        {
            var index = Volatile.Read(ref _preferred) % _gateways.Count;
            if (!tried.Add(index))
            {
                // Every gateway has been tried: back off before going round again.
                await Task.Delay(Jitter(delay), time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
                tried.Clear();
                tried.Add(index);
            }
            var gateway = _gateways[index];
            var (response, failure) = await TryOnceAsync(gateway, create, extraTimeout, cancellationToken).ConfigureAwait(false);
            if (failure is null) return response!;
            last = failure.Error;
            var mayRetry = failure.NotProcessed || idempotent;
            if (!mayRetry || attempt >= options.MaxAttempts)
            {
                if (response is not null) return response;
                throw new SagaGatewayUnavailableException(mayRetry
                    ? $"No gateway could serve the call after {attempt} attempts (gateways: {string.Join(", ", _gateways)}): {last.Message}"
                    : $"The call to {gateway} failed and was not retried because the node may have acted on it: {last.Message}", last);
            }
            response?.Dispose();
            log.Retrying(gateway, attempt, last.Message);
            if (_gateways.Count > 1) Interlocked.CompareExchange(ref _preferred, (index + 1) % _gateways.Count, index);
        }
    }

    private async Task<(HttpResponseMessage? Response, Failure? Failure)> TryOnceAsync(
        Uri gateway, Func<Uri, HttpRequestMessage> create, TimeSpan extraTimeout, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout + extraTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = create(gateway);
            var response = await http().SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status < 500) return (response, null);
            var error = new HttpRequestException($"{gateway} answered {status} {response.ReasonPhrase}.", null, response.StatusCode);
            return (response, new Failure(error, NotProcessed: response.StatusCode == HttpStatusCode.ServiceUnavailable));
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            var notSent = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
            return (null, new Failure(e, notSent));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new Failure(new TimeoutException($"{gateway} did not answer within {options.RequestTimeout + extraTimeout}."), NotProcessed: false));
        }
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.5 + Random.Shared.NextDouble() / 2);

    private sealed record Failure(Exception Error, bool NotProcessed);
}
