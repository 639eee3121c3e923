namespace OrleansSagas.Storage;

/// <summary>A task leased by a worker until <paramref name="LeaseExpiresAt"/>.</summary>
/// <param name="Task">The task.</param>
/// <param name="LeaseToken">Proves the lease; needed to complete or extend it.</param>
/// <param name="LeaseExpiresAt">When the task becomes visible to other workers again.</param>
/// <param name="Deliveries">How many times the task was leased, this one included.</param>
public sealed record LeasedTask(TaskEntry Task, string LeaseToken, DateTimeOffset LeaseExpiresAt, int Deliveries);
