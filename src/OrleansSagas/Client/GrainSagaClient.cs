using System.Diagnostics;
using System.Text.Json;
using OrleansSagas.Engine;
using OrleansSagas.Grains;

namespace OrleansSagas.Client;

/// <summary>
/// The <see cref="ISagaClient"/> of Orleans apps: every call is a grain call, from a silo that hosts sagas or from an
/// external Orleans client. Register it with <c>AddOrleansSagasClient()</c> on a client or silo builder.
/// </summary>
public sealed partial class GrainSagaClient(IGrainFactory grains) : ISagaClient
{
    /// <summary>The longest single wait call; longer waits are made of several, so none nears the grain call timeout.</summary>
    internal static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(20);

    /// <inheritdoc />
    public Task<SagaStartResult> StartAsync(string definition, JsonElement input, string? id = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(definition)) throw new SagaInputException("definition", "The field 'definition' is required.");
        var sagaId = id ?? Guid.NewGuid().ToString("N");
        if (string.IsNullOrWhiteSpace(sagaId)) throw new SagaInputException("id", "The field 'id' must not be empty.");
        return Saga(sagaId).StartAsync(new SagaStartRequest(definition, null, input.ValueKind == JsonValueKind.Undefined ? SagaJson.Parse("null") : input));
    }

    /// <inheritdoc />
    public SagaHandle GetHandle(string id) => new(this, id);

    /// <inheritdoc />
    public Task<SagaDescription> DescribeAsync(string id, CancellationToken cancellationToken = default) => Saga(id).DescribeAsync();

    /// <inheritdoc />
    public async Task<SagaDescription> WaitAsync(string id, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var left = maxWait - Stopwatch.GetElapsedTime(started);
            var slice = left <= TimeSpan.Zero ? TimeSpan.Zero : left < WaitSlice ? left : WaitSlice;
            var saga = await Saga(id).WaitAsync(slice).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (saga.Status.IsTerminal() || slice < WaitSlice) return saga;
        }
    }

    /// <inheritdoc />
    public Task SignalAsync(string id, string name, JsonElement payload, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SagaInputException("name", "The signal name is required.");
        return Saga(id).SignalAsync(name, payload.ValueKind == JsonValueKind.Undefined ? SagaJson.Parse("null") : payload);
    }

    /// <inheritdoc />
    public Task CancelAsync(string id, CancellationToken cancellationToken = default) => Saga(id).CancelAsync("Cancelled on request.");

    /// <summary>Runs the failed undo of a stuck saga again.</summary>
    public Task RetryStuckAsync(string id, string node) => Saga(id).RetryStuckAsync(node);

    /// <summary>Declares the failed undo of a stuck saga done by hand; unwinding continues.</summary>
    public Task SkipStuckAsync(string id, string node) => Saga(id).SkipStuckAsync(node);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SagaHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken = default) =>
        await Saga(id).GetHistoryAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public Task<SagaListPage> ListAsync(SagaStatus? status = null, string? definition = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default) =>
        grains.GetGrain<ISagaQueryGrain>(0).ListAsync(status, definition, limit, after);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DefinitionInfo>> ListDefinitionsAsync(CancellationToken cancellationToken = default) =>
        await grains.GetGrain<ISagaQueryGrain>(0).ListDefinitionsAsync().ConfigureAwait(false);

    private ISagaGrain Saga(string id)
    {
        if (string.IsNullOrEmpty(id)) throw new SagaInputException("id", "The field 'id' must not be empty.");
        return grains.GetGrain<ISagaGrain>(id);
    }
}
