namespace OrleansSagas.Storage.InMemory;

internal sealed class InMemoryTaskQueue(InMemoryDatabase database) : ITaskQueue
{
    public Task<LeasedTask?> TryLeaseAsync(string queue, string workerId, TimeSpan leaseFor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseFor, TimeSpan.Zero);
        lock (database.Gate)
        {
            var next = database.Tasks.Values
                .Where(t => t.Entry.Queue == queue && t.AvailableAt <= now)
                .OrderBy(t => t.AvailableAt)
                .ThenBy(t => t.Sequence)
                .FirstOrDefault();
            if (next is null)
            {
                return Task.FromResult<LeasedTask?>(null);
            }

            next.LeaseToken = Guid.NewGuid().ToString("N");
            next.AvailableAt = (now + leaseFor).ToUniversalTime();
            next.Deliveries++;
            return Task.FromResult<LeasedTask?>(new LeasedTask(next.Entry, next.LeaseToken, next.AvailableAt, next.Deliveries));
        }
    }

    public Task<bool> ExtendLeaseAsync(string taskId, string leaseToken, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            if (!database.Tasks.TryGetValue(taskId, out var task) || task.LeaseToken != leaseToken)
            {
                return Task.FromResult(false);
            }

            task.AvailableAt = until.ToUniversalTime();
            return Task.FromResult(true);
        }
    }

    public Task<bool> CompleteAsync(string taskId, string leaseToken, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            if (!database.Tasks.TryGetValue(taskId, out var task) || task.LeaseToken != leaseToken)
            {
                return Task.FromResult(false);
            }

            database.Tasks.Remove(taskId);
            return Task.FromResult(true);
        }
    }

    public Task RemoveAsync(string taskId, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            database.Tasks.Remove(taskId);
        }

        return Task.CompletedTask;
    }
}
