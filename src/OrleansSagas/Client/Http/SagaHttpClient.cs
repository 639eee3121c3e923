using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansSagas.Engine;

namespace OrleansSagas.Client.Http;

/// <summary>
/// The remote <see cref="ISagaClient"/>: speaks a node's HTTP API, fails over between gateways and retries
/// transient errors without ever duplicating an effect (a start is idempotent by id, and the id is chosen
/// before the first attempt). Errors come back as the same <see cref="SagaException"/>s the in-process client throws.
/// </summary>
public sealed partial class SagaHttpClient : ISagaClient
{
    /// <summary>The longest wait one long poll asks the server for; longer waits poll again.</summary>
    public static readonly TimeSpan MaxPollWait = TimeSpan.FromSeconds(60);

    private readonly GatewayTransport _transport;
    private readonly TimeProvider _time;

    /// <summary>Creates a client that sends through <paramref name="httpClient"/> (its BaseAddress and Timeout are not used).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public SagaHttpClient(HttpClient httpClient, SagaClientOptions options, TimeProvider? time = null, ILogger<SagaHttpClient>? logger = null)
        : this(() => httpClient, options, time, logger) { }

    internal SagaHttpClient(Func<HttpClient> httpClient, SagaClientOptions options, TimeProvider? time, ILogger<SagaHttpClient>? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _time = time ?? TimeProvider.System;
        _transport = new GatewayTransport(httpClient, options, _time, new HttpClientLog(logger ?? (ILogger)NullLogger.Instance));
    }

    /// <summary>The gateway the next call goes to first.</summary>
    public Uri CurrentGateway => _transport.CurrentGateway;

    /// <inheritdoc />
    public async Task<SagaStartResult> StartAsync(string definition, JsonElement input, string? id = null, CancellationToken cancellationToken = default)
    {
        // Choosing the id before the first attempt is what makes retrying a start safe.
        var generated = id is null;
        var sagaId = id ?? Guid.NewGuid().ToString("N");
        var body = new StartBody(definition, sagaId, input.ValueKind == JsonValueKind.Undefined ? null : input);
        using var response = await SendAsync(HttpMethod.Post, "api/sagas", () => JsonContent.Create(body, options: SagaJson.Options),
            idempotent: true, sagaId, definition, cancellationToken: cancellationToken).ConfigureAwait(false);
        var saga = await ReadAsync<SagaDescription>(response, cancellationToken).ConfigureAwait(false);
        // Nobody else knows a generated id, so an existing saga with it was created by an earlier attempt of this call.
        return new SagaStartResult(saga, response.StatusCode == HttpStatusCode.Created || generated);
    }

    /// <inheritdoc />
    public SagaHandle GetHandle(string id) => new(this, id);

    /// <inheritdoc />
    public async Task<SagaDescription> DescribeAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, SagaPath(id), null, idempotent: true, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ReadAsync<SagaDescription>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SagaDescription> WaitAsync(string id, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + maxWait;
        while (true)
        {
            var wait = deadline - _time.GetUtcNow();
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            if (wait > MaxPollWait) wait = MaxPollWait;
            var path = $"{SagaPath(id)}/result?waitSeconds={wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}";
            using var response = await SendAsync(HttpMethod.Get, path, null, idempotent: true, id, extraTimeout: wait, cancellationToken: cancellationToken).ConfigureAwait(false);
            var saga = await ReadAsync<SagaDescription>(response, cancellationToken).ConfigureAwait(false);
            if (saga.Status.IsTerminal() || _time.GetUtcNow() >= deadline) return saga;
        }
    }

    /// <inheritdoc />
    /// <remarks>A signal is not idempotent: it is retried only after failures that prove no node received it.</remarks>
    public async Task SignalAsync(string id, string name, JsonElement payload, CancellationToken cancellationToken = default)
    {
        var json = payload.ValueKind == JsonValueKind.Undefined ? "null" : payload.GetRawText();
        using var response = await SendAsync(HttpMethod.Post, $"{SagaPath(id)}/signals/{Uri.EscapeDataString(name)}",
            () => new StringContent(json, Encoding.UTF8, "application/json"), idempotent: false, id, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{SagaPath(id)}/cancel", null, idempotent: true, id, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the failed undo of the stuck saga <paramref name="id"/> again (an operator action).</summary>
    public async Task RetryStuckAsync(string id, string node, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{SagaPath(id)}/stuck/{Uri.EscapeDataString(node)}/retry", null, idempotent: true, id, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Declares the failed undo of the stuck saga <paramref name="id"/> done by hand, so unwinding continues (an operator action).</summary>
    public async Task SkipStuckAsync(string id, string node, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{SagaPath(id)}/stuck/{Uri.EscapeDataString(node)}/skip", null, idempotent: true, id, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SagaHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{SagaPath(id)}/history", null, idempotent: true, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<SagaHistoryEntry>>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SagaListPage> ListAsync(SagaStatus? status = null, string? definition = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { $"limit={limit.ToString(CultureInfo.InvariantCulture)}" };
        if (status is { } s) query.Add($"status={s}");
        if (definition is not null) query.Add($"definition={Uri.EscapeDataString(definition)}");
        if (after is not null) query.Add($"after={Uri.EscapeDataString(after)}");
        using var response = await SendAsync(HttpMethod.Get, "api/sagas?" + string.Join('&', query), null, idempotent: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ReadAsync<SagaListPage>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DefinitionInfo>> ListDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/definitions", null, idempotent: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<DefinitionInfo>>(response, cancellationToken).ConfigureAwait(false);
    }

    private static string SagaPath(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new SagaInputException("id", "The saga id must not be empty.");
        return $"api/sagas/{Uri.EscapeDataString(id)}";
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Func<HttpContent>? content, bool idempotent,
        string? sagaId = null, string? definition = null, TimeSpan extraTimeout = default, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(gateway => new HttpRequestMessage(method, new Uri(gateway, path)) { Content = content?.Invoke() },
            idempotent, extraTimeout, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        using (response)
            throw await SagaProblemMapper.ToExceptionAsync(response, sagaId, definition, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(SagaJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new SagaException($"{response.RequestMessage?.RequestUri} answered an empty body.");
        }
        catch (JsonException e)
        {
            throw new SagaException($"{response.RequestMessage?.RequestUri} answered JSON this client cannot read: {e.Message}", e);
        }
    }

    private sealed record StartBody(string Definition, string Id, JsonElement? Input);
}
