using System.Text.Json;
using OrleansSagas.Engine;
using OrleansSagas.Runtime;

namespace OrleansSagas.Client;

/// <summary>The in-process <see cref="ISagaClient"/>: calls the node's own runtime directly.</summary>
public sealed class LocalSagaClient(SagaRuntime runtime) : ISagaClient
{
    /// <inheritdoc />
    public Task<SagaStartResult> StartAsync(string definition, JsonElement input, string? id = null, CancellationToken cancellationToken = default) =>
        runtime.StartAsync(definition, input, id, cancellationToken);

    /// <inheritdoc />
    public SagaHandle GetHandle(string id) => new(this, id);

    /// <inheritdoc />
    public Task<SagaDescription> DescribeAsync(string id, CancellationToken cancellationToken = default) =>
        runtime.DescribeAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<SagaDescription> WaitAsync(string id, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        runtime.WaitAsync(id, maxWait, cancellationToken);

    /// <inheritdoc />
    public Task SignalAsync(string id, string name, JsonElement payload, CancellationToken cancellationToken = default) =>
        runtime.SignalAsync(id, name, payload, cancellationToken);

    /// <inheritdoc />
    public Task CancelAsync(string id, CancellationToken cancellationToken = default) => runtime.CancelAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SagaHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken = default) =>
        runtime.GetHistoryAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<SagaListPage> ListAsync(SagaStatus? status = null, string? definition = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default) =>
        runtime.ListAsync(status, definition, limit, after, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DefinitionInfo>> ListDefinitionsAsync(CancellationToken cancellationToken = default) =>
        runtime.Definitions.ListAsync(cancellationToken);
}
