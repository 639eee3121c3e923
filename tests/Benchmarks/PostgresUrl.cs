using Npgsql;

namespace OrleansSagas.Benchmarks;

/// <summary>Turns a <c>postgres://user[:password]@host[:port]/database</c> URL into an Npgsql connection string.</summary>
internal static class PostgresUrl
{
    public static string ToConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw new ArgumentException($"PEERS_PG_URL must look like postgres://user@host:port/database (was '{url}').");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0) builder.Username = Uri.UnescapeDataString(user[0]);
        if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = builder.Username;
        return builder.ConnectionString;
    }
}
