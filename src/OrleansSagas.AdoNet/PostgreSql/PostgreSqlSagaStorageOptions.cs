namespace OrleansSagas.AdoNet.PostgreSql;

/// <summary>Options of <see cref="PostgreSqlSagaStorage"/>.</summary>
public sealed class PostgreSqlSagaStorageOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=sagas;Username=sagas;Password=…</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException($"{nameof(PostgreSqlSagaStorageOptions)}.{nameof(ConnectionString)} is required.", nameof(ConnectionString));
        }
    }
}
