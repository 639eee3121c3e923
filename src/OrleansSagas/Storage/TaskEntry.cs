namespace OrleansSagas.Storage;

/// <summary>A unit of work queued for external workers, enqueued in the same transaction as the decision that scheduled it.</summary>
/// <param name="TaskId">The task id (unique).</param>
/// <param name="Queue">The queue (activity) name workers poll.</param>
/// <param name="SagaId">The saga waiting for the result.</param>
/// <param name="Node">The saga node the task belongs to.</param>
/// <param name="Attempt">The attempt number.</param>
/// <param name="Payload">The task input as JSON text.</param>
/// <param name="VisibleAt">When the task may first be leased.</param>
public sealed record TaskEntry(string TaskId, string Queue, string SagaId, string Node, int Attempt, string Payload, DateTimeOffset VisibleAt);
