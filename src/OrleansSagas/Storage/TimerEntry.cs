namespace OrleansSagas.Storage;

/// <summary>A durable one-shot timer of a saga.</summary>
/// <param name="SagaId">The saga the timer belongs to.</param>
/// <param name="TimerId">The timer id, unique within the saga.</param>
/// <param name="DueAt">When it fires; a timer that came due while no node ran fires on recovery.</param>
/// <param name="Partition">The saga's partition (for per-partition due-timer scans).</param>
public sealed record TimerEntry(string SagaId, string TimerId, DateTimeOffset DueAt, int Partition);
