namespace OrleansSagas.Storage.InMemory;

/// <summary>Stores every time in UTC, as the SQL providers do, so callers see the same offsets whichever provider runs.</summary>
internal static class UtcNormalization
{
    public static SagaRecord ToUtc(this SagaRecord record) =>
        record with { CreatedAt = record.CreatedAt.ToUniversalTime(), UpdatedAt = record.UpdatedAt.ToUniversalTime() };

    public static StoredEvent ToUtc(this StoredEvent e) => e with { Timestamp = e.Timestamp.ToUniversalTime() };
}
