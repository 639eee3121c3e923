namespace OrleansSagas.Activities;

/// <summary>A task waiting on an activity's queue.</summary>
/// <param name="SagaId">The saga whose step it is.</param>
/// <param name="Node">The step (or state machine task id).</param>
/// <param name="Attempt">The step's attempt.</param>
/// <param name="Token">The task token the worker reports with.</param>
/// <param name="Input">The task input as JSON text.</param>
/// <param name="EnqueuedAt">When it was enqueued.</param>
/// <param name="ExpiresAt">When the attempt times out; an expired task is dropped instead of handed out. Null for never.</param>
[GenerateSerializer, Immutable]
[Alias("OrleansSagas.QueuedTask")]
internal sealed record QueuedTask(
    [property: Id(0)] string SagaId,
    [property: Id(1)] string Node,
    [property: Id(2)] int Attempt,
    [property: Id(3)] string Token,
    [property: Id(4)] string Input,
    [property: Id(5)] DateTimeOffset EnqueuedAt,
    [property: Id(6)] DateTimeOffset? ExpiresAt)
{
    /// <summary>Identifies the attempt across re-enqueues: a queue holds a key at most once.</summary>
    public string Key => $"{SagaId}\n{Node}\n{Attempt}";
}
