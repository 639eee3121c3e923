using System.Text.Json;
using Orleans.Concurrency;
using OrleansSagas.Client;

namespace OrleansSagas.Grains;

/// <summary>
/// One saga instance, keyed by its id. Each call is a turn of the saga's single activation: it decides with the
/// engine, writes the saga's state (ETag-checked) and only then runs what it decided. Prefer <see cref="ISagaClient"/>;
/// this is what it calls.
/// </summary>
public interface ISagaGrain : IGrainWithStringKey
{
    /// <summary>Starts the saga; idempotent for the same definition and input (see <see cref="ISagaClient.StartAsync"/>).</summary>
    /// <exception cref="DefinitionNotFoundException">Unknown definition.</exception>
    /// <exception cref="SagaConflictException">The id exists with another definition or input.</exception>
    Task<SagaStartResult> StartAsync(SagaStartRequest request);

    /// <summary>The saga's current description.</summary>
    /// <exception cref="SagaNotFoundException">No saga has this id.</exception>
    Task<SagaDescription> DescribeAsync();

    /// <summary>Waits until the saga is terminal or <paramref name="maxWait"/> elapses (at most 20 seconds), then describes it.</summary>
    /// <remarks>Interleaves with the saga's other calls, so a wait never holds up its decisions.</remarks>
    [AlwaysInterleave]
    Task<SagaDescription> WaitAsync(TimeSpan maxWait);

    /// <summary>Sends a signal; returns once it is durable.</summary>
    Task SignalAsync(string name, JsonElement payload);

    /// <summary>Requests cancellation; returns once the request is durable.</summary>
    Task CancelAsync(string reason);

    /// <summary>Runs the failed undo of a stuck saga again.</summary>
    Task RetryStuckAsync(string node);

    /// <summary>Declares the failed undo of a stuck saga done by hand; unwinding continues.</summary>
    Task SkipStuckAsync(string node);

    /// <summary>The saga's events in order (every event of every recorded decision).</summary>
    Task<SagaHistoryEntry[]> GetHistoryAsync();
}
