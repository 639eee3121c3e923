using OrleansSagas.Storage;

namespace OrleansSagas.AdoNet.Common;

/// <summary>Partition leases on SQL: acquisition is a compare-and-set on the epoch.</summary>
internal sealed class SqlLeaseStore(AdoNetDatabase database) : ILeaseStore
{
    public async Task<IReadOnlyList<PartitionLease>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Command("SELECT partition_id, owner, epoch, expires_at FROM saga_leases ORDER BY partition_id")
                .ListAsync(r => new PartitionLease(r.GetInt32(0), r.NullableString(1), r.GetInt64(2), database.ReadTime(r, 3)), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public Task<PartitionLease?> TryAcquireAsync(int partition, string node, long expectedEpoch, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedEpoch);

        // Epoch 0 means "never leased": the row must not exist yet, so the insert is the compare-and-set.
        var sql = expectedEpoch == 0
            ? "INSERT INTO saga_leases (partition_id, owner, epoch, expires_at) VALUES (@partition, @node, 1, @expiresAt) ON CONFLICT (partition_id) DO NOTHING"
            : "UPDATE saga_leases SET owner = @node, epoch = epoch + 1, expires_at = @expiresAt WHERE partition_id = @partition AND epoch = @expected";
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var command = connection.Command(sql, transaction)
                    .With("@partition", partition)
                    .With("@node", node)
                    .With("@expiresAt", database.ToDb(expiresAt));
                if (expectedEpoch != 0)
                {
                    command.With("@expected", expectedEpoch);
                }

                var changed = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return changed == 1 ? new PartitionLease(partition, node, expectedEpoch + 1, expiresAt.ToUniversalTime()) : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<int>> RenewAsync(string node, IReadOnlyDictionary<int, long> epochs, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        return database.WriteAsync<IReadOnlyList<int>>(
            async (connection, transaction) =>
            {
                var renewed = new List<int>();
                foreach (var (partition, epoch) in epochs.OrderBy(e => e.Key))
                {
                    var changed = await connection.Command(
                            "UPDATE saga_leases SET expires_at = @expiresAt WHERE partition_id = @partition AND owner = @node AND epoch = @epoch",
                            transaction)
                        .With("@expiresAt", database.ToDb(expiresAt))
                        .With("@partition", partition)
                        .With("@node", node)
                        .With("@epoch", epoch)
                        .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    if (changed == 1)
                    {
                        renewed.Add(partition);
                    }
                }

                return renewed;
            },
            cancellationToken);
    }

    public Task ReleaseAsync(int partition, string node, long epoch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.Command(
                    "UPDATE saga_leases SET owner = NULL, expires_at = @released WHERE partition_id = @partition AND owner = @node AND epoch = @epoch",
                    transaction)
                .With("@released", database.ToDb(DateTimeOffset.MinValue))
                .With("@partition", partition)
                .With("@node", node)
                .With("@epoch", epoch)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false),
            cancellationToken);
}
