namespace OrleansSagas.Storage;

/// <summary>
/// A durable queue of tasks for external workers. Tasks are enqueued through <see cref="ISagaStore"/> commits;
/// workers lease them, extend the lease while working (heartbeat) and complete them.
/// </summary>
public interface ITaskQueue
{
    /// <summary>Leases the oldest visible task of <paramref name="queue"/> until now + <paramref name="leaseFor"/>, or returns null.</summary>
    Task<LeasedTask?> TryLeaseAsync(string queue, string workerId, TimeSpan leaseFor, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease; false when the lease token is no longer valid (expired and leased again, or completed).</summary>
    Task<bool> ExtendLeaseAsync(string taskId, string leaseToken, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Removes a leased task; false when the lease token is no longer valid.</summary>
    Task<bool> CompleteAsync(string taskId, string leaseToken, CancellationToken cancellationToken = default);

    /// <summary>Removes a task regardless of leases (the saga no longer needs it).</summary>
    Task RemoveAsync(string taskId, CancellationToken cancellationToken = default);
}
