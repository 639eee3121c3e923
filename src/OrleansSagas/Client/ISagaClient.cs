using System.Text.Json;
using OrleansSagas.Engine;

namespace OrleansSagas.Client;

/// <summary>
/// Starts, observes and steers sagas. Implemented by grain calls (<see cref="GrainSagaClient"/>, for Orleans apps)
/// and over HTTP (<see cref="Http.SagaHttpClient"/>, for everything else); both behave the same.
/// </summary>
public partial interface ISagaClient
{
    /// <summary>
    /// Starts a saga of <paramref name="definition"/> (its latest version). Idempotent per id: the same id and
    /// input return the existing saga (Created = false); the same id with other input throws <see cref="SagaConflictException"/>.
    /// </summary>
    /// <param name="definition">The definition name.</param>
    /// <param name="input">The input as JSON.</param>
    /// <param name="id">The saga id; null to generate one.</param>
    /// <param name="cancellationToken">Cancels the call (not the saga).</param>
    /// <exception cref="DefinitionNotFoundException">Unknown definition.</exception>
    /// <exception cref="SagaInputException">Bad id or input, or input over the payload limit.</exception>
    Task<SagaStartResult> StartAsync(string definition, JsonElement input, string? id = null, CancellationToken cancellationToken = default);

    /// <summary>A handle to the saga <paramref name="id"/> (no call is made).</summary>
    SagaHandle GetHandle(string id);

    /// <summary>The saga's current description.</summary>
    /// <exception cref="SagaNotFoundException">Unknown id.</exception>
    Task<SagaDescription> DescribeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Waits until the saga is terminal or <paramref name="maxWait"/> elapses, then describes it.</summary>
    Task<SagaDescription> WaitAsync(string id, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>Sends the signal <paramref name="name"/> with <paramref name="payload"/>.</summary>
    Task SignalAsync(string id, string name, JsonElement payload, CancellationToken cancellationToken = default);

    /// <summary>Requests cancellation: in-flight steps see their token fire, completed steps are undone.</summary>
    Task CancelAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The saga's events in order.</summary>
    Task<IReadOnlyList<SagaHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A page of sagas filtered by status and definition, ordered by id.</summary>
    Task<SagaListPage> ListAsync(SagaStatus? status = null, string? definition = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default);

    /// <summary>The definitions the cluster can run.</summary>
    Task<IReadOnlyList<DefinitionInfo>> ListDefinitionsAsync(CancellationToken cancellationToken = default);
}
