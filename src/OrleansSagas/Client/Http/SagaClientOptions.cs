namespace OrleansSagas.Client.Http;

/// <summary>Settings of <see cref="SagaHttpClient"/>. Every node of a cluster serves the same API, so any of them is a gateway.</summary>
public sealed class SagaClientOptions
{
    /// <summary>The gateway to call, e.g. <c>http://127.0.0.1:5080</c>. Shorthand for a single entry of <see cref="Gateways"/>.</summary>
    public Uri? Gateway { get; set; }

    /// <summary>
    /// Gateways to fail over between, tried in order after <see cref="Gateway"/>: when one refuses connections,
    /// times out or answers 5xx, the client moves to the next and stays there while it works. Default empty.
    /// </summary>
    public IList<Uri> Gateways { get; } = [];

    /// <summary>How long one attempt of a call may take (a long poll adds its wait). Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of one call in all, across gateways, before it fails. Default 6.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the first retry against an already tried gateway; doubles per retry. Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts. Default 5 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The gateways in the order they are tried: <see cref="Gateway"/> first, then <see cref="Gateways"/>, without duplicates.</summary>
    public IReadOnlyList<Uri> AllGateways() =>
        [.. (Gateway is null ? Gateways : Gateways.Prepend(Gateway)).Distinct()];

    /// <summary>Checks every setting and names the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        var gateways = AllGateways();
        if (gateways.Count == 0)
            throw new ArgumentException("Sagas:Gateway is required: set SagaClientOptions.Gateway or add to Gateways (e.g. http://127.0.0.1:5080).", nameof(Gateway));
        foreach (var gateway in gateways)
        {
            if (!gateway.IsAbsoluteUri || (gateway.Scheme != Uri.UriSchemeHttp && gateway.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"Sagas:Gateway must be an absolute http or https URI (was '{gateway}').", nameof(Gateway));
        }
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("Sagas:RequestTimeout must be positive.", nameof(RequestTimeout));
        if (MaxAttempts < 1) throw new ArgumentException($"Sagas:MaxAttempts must be at least 1 (was {MaxAttempts}).", nameof(MaxAttempts));
        if (RetryDelay < TimeSpan.Zero) throw new ArgumentException("Sagas:RetryDelay must not be negative.", nameof(RetryDelay));
        if (MaxRetryDelay < RetryDelay) throw new ArgumentException("Sagas:MaxRetryDelay must not be less than Sagas:RetryDelay.", nameof(MaxRetryDelay));
    }
}
