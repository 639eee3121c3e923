using System.Text.Json;

namespace OrleansSagas.Definitions;

/// <summary>What a step handler knows about the invocation it serves.</summary>
public sealed class StepContext
{
    /// <summary>Creates a context; the runtime does this for every invocation.</summary>
    public StepContext(string sagaId, string stepName, int attempt, bool isUndo,
        IReadOnlyDictionary<string, JsonElement> ancestorOutputs, CancellationToken cancellationToken)
    {
        SagaId = sagaId;
        StepName = stepName;
        Attempt = attempt;
        IsUndo = isUndo;
        AncestorOutputs = ancestorOutputs;
        CancellationToken = cancellationToken;
    }

    /// <summary>The id of the saga instance.</summary>
    public string SagaId { get; }

    /// <summary>The name of the step.</summary>
    public string StepName { get; }

    /// <summary>The attempt number, starting at 1; grows with retries, not with re-runs after a crash.</summary>
    public int Attempt { get; }

    /// <summary>True when this invocation is the undo of the step.</summary>
    public bool IsUndo { get; }

    /// <summary>A key that is the same on every invocation of this step's action (or undo) in this saga: use it to de-duplicate side effects.</summary>
    public string IdempotencyKey => IsUndo ? $"{SagaId}/{StepName}/undo" : $"{SagaId}/{StepName}";

    /// <summary>Outputs of the step's ancestors, by node name.</summary>
    public IReadOnlyDictionary<string, JsonElement> AncestorOutputs { get; }

    /// <summary>Fires when the saga is cancelled or the attempt times out.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Tells the saga the attempt is alive. State machine tasks with <c>HeartbeatSeconds</c> time out when no heartbeat
    /// arrives in time; for other steps it has no effect.
    /// </summary>
    public Task HeartbeatAsync() => HeartbeatSink?.Invoke() ?? Task.CompletedTask;

    /// <summary>
    /// The attempt's task token when the step waits for one (<see cref="NodeOptions.WaitForTaskToken"/>, or a state machine
    /// Task ending in ".waitForTaskToken"); hand it to whoever completes the work. Null otherwise.
    /// </summary>
    public string? TaskToken { get; init; }

    /// <summary>Where heartbeats go; set by the runtime.</summary>
    internal Func<Task>? HeartbeatSink { get; init; }

    /// <summary>Reads the output of an ancestor node as <typeparamref name="T"/>.</summary>
    /// <exception cref="KeyNotFoundException">The node is not an ancestor of this step.</exception>
    public T GetOutput<T>(string nodeName)
    {
        if (!AncestorOutputs.TryGetValue(nodeName, out var value))
            throw new KeyNotFoundException($"Step '{StepName}' cannot read the output of '{nodeName}': it is not an ancestor.");
        return value.Deserialize<T>(SagaJson.Options)!;
    }
}
