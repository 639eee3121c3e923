namespace OrleansSagas.Storage;

/// <summary>Who owns a partition, with the fencing epoch that grows on every change of owner.</summary>
/// <param name="Partition">The partition number.</param>
/// <param name="Owner">The owning node; null when free.</param>
/// <param name="Epoch">The fencing token; every saga write in the partition is conditional on it.</param>
/// <param name="ExpiresAt">When the lease lapses unless renewed.</param>
public sealed record PartitionLease(int Partition, string? Owner, long Epoch, DateTimeOffset ExpiresAt);
