namespace OrleansSagas.AdoNet.Sqlite;

/// <summary>Options of <see cref="SqliteSagaStorage"/>.</summary>
public sealed class SqliteSagaStorageOptions
{
    /// <summary>The database file; created with its folder when missing. Ignored when <see cref="ConnectionString"/> is set.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// A full Microsoft.Data.Sqlite connection string, for settings <see cref="Path"/> cannot express.
    /// It must name a file: an in-memory SQLite database is not supported (use <c>InMemorySagaStorage</c> instead).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a statement waits for a lock held by another process before failing. Default: 5 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether every commit is flushed to disk before it is acknowledged (<c>PRAGMA synchronous = FULL</c>). Default: true.
    /// With false (<c>NORMAL</c>) commits still survive a crash of the process, but the last ones may be lost when the
    /// machine loses power.
    /// </summary>
    public bool FlushEveryCommit { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException($"{nameof(SqliteSagaStorageOptions)}.{nameof(Path)} or .{nameof(ConnectionString)} is required.", nameof(Path));
        }

        if (BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(SqliteSagaStorageOptions)}.{nameof(BusyTimeout)} must not be negative.", nameof(BusyTimeout));
        }
    }
}
