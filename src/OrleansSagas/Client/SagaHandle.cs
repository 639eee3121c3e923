using System.Text.Json;
using OrleansSagas.Engine;

namespace OrleansSagas.Client;

/// <summary>A typed handle to one saga instance (in the manner of Temporal's workflow handles).</summary>
public sealed class SagaHandle
{
    private readonly ISagaClient _client;

    /// <summary>Creates a handle for saga <paramref name="id"/> served by <paramref name="client"/>.</summary>
    public SagaHandle(ISagaClient client, string id)
    {
        _client = client;
        Id = id;
    }

    /// <summary>The saga id.</summary>
    public string Id { get; }

    /// <summary>The current description (status, steps, output, error).</summary>
    public Task<SagaDescription> GetStatusAsync(CancellationToken cancellationToken = default) =>
        _client.DescribeAsync(Id, cancellationToken);

    /// <summary>Waits for the saga to finish and returns its output as <typeparamref name="T"/>.</summary>
    /// <exception cref="SagaFailedException">The saga ended in any status but Succeeded.</exception>
    public async Task<T> GetResultAsync<T>(CancellationToken cancellationToken = default)
    {
        var saga = await WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        if (saga.Status != SagaStatus.Succeeded) throw new SagaFailedException(saga);
        return saga.Output is { } output ? output.Deserialize<T>(SagaJson.Options)! : default!;
    }

    /// <summary>Waits for the saga to reach any terminal status and returns its description.</summary>
    public async Task<SagaDescription> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var saga = await _client.WaitAsync(Id, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (saga.Status.IsTerminal()) return saga;
        }
    }

    /// <summary>Sends a signal.</summary>
    public Task SignalAsync<T>(string name, T payload, CancellationToken cancellationToken = default) =>
        _client.SignalAsync(Id, name, SagaJson.ToElement(payload), cancellationToken);

    /// <summary>Requests cancellation.</summary>
    public Task CancelAsync(CancellationToken cancellationToken = default) => _client.CancelAsync(Id, cancellationToken);

    /// <summary>The saga's events in order.</summary>
    public Task<IReadOnlyList<SagaHistoryEntry>> GetHistoryAsync(CancellationToken cancellationToken = default) =>
        _client.GetHistoryAsync(Id, cancellationToken);
}
