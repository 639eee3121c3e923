using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OrleansSagas.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for tests and benchmarks.
/// </summary>
/// <remarks>
/// <para>
/// When the environment variable <c>ORLEANSSAGAS_POSTGRES</c> holds a connection string, that server is used (it must allow
/// CREATE DATABASE) and <see cref="StopAsync"/>/<see cref="RestartAsync"/> are not available. Otherwise a private server is
/// created from the highest version installed under /usr/lib/postgresql (run as the <c>postgres</c> user when this process
/// is root): data in a fresh temp folder, trust authentication, listening only on 127.0.0.1 on a free port, its unix socket
/// in the temp folder. Disposing stops it and deletes the folder; should the process end first (even killed), a watchdog
    /// process does it.
/// </para>
/// <para>
/// Tests share one server through <see cref="GetSharedAsync"/> and isolate themselves with <see cref="CreateDatabaseAsync"/>.
/// A test that stops or restarts the server must start its own with <see cref="StartAsync"/>.
/// </para>
/// </remarks>
public sealed class PostgresTestServer : IAsyncDisposable
{
    /// <summary>The environment variable naming an existing server to use instead of starting one.</summary>
    public const string ConnectionStringVariable = "ORLEANSSAGAS_POSTGRES";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<PostgresTestServer>> Shared = new(StartSharedAsync);

    private readonly string? bin;
    private readonly string? folder;
    private bool running;

    private PostgresTestServer(string adminConnectionString, string? bin, string? folder)
    {
        AdminConnectionString = adminConnectionString;
        this.bin = bin;
        this.folder = folder;
        running = true;
    }

    /// <summary>A connection string of the server's administrator on its maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when the server came from <see cref="ConnectionStringVariable"/> rather than being started here.</summary>
    public bool IsExternal => bin is null;

    /// <summary>The server shared by every test of the process, started on first use, stopped and deleted when the process exits.</summary>
    /// <exception cref="InvalidOperationException">Neither the variable nor the binaries are available; the message says how to fix it.</exception>
    public static Task<PostgresTestServer> GetSharedAsync() => Shared.Value;

    /// <summary>Starts a private server (or connects to the one named by <see cref="ConnectionStringVariable"/>).</summary>
    /// <exception cref="InvalidOperationException">Neither the variable nor the binaries are available; the message says how to fix it.</exception>
    public static async Task<PostgresTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } external)
        {
            var server = new PostgresTestServer(external, bin: null, folder: null);
            await server.WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }

        var bin = PostgresProcess.FindBinFolder() ?? throw new InvalidOperationException(PostgresProcess.MissingMessage);
        var folder = Directory.CreateTempSubdirectory("orleanssagas-pg-").FullName;
        try
        {
            var port = FreePort();
            var data = Path.Combine(folder, "data");
            var sockets = Path.Combine(folder, "run");
            Directory.CreateDirectory(sockets);
            await PostgresProcess.TakeOwnershipAsync(folder, cancellationToken).ConfigureAwait(false);
            await PostgresProcess.RunToolAsync(
                    bin, "initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], StartTimeout, cancellationToken)
                .ConfigureAwait(false);
            await File.AppendAllTextAsync(
                    Path.Combine(data, "postgresql.conf"),
                    $"""

                    listen_addresses = '127.0.0.1'
                    port = {port.ToString(CultureInfo.InvariantCulture)}
                    unix_socket_directories = '{sockets}'
                    max_connections = 300
                    """,
                    cancellationToken)
                .ConfigureAwait(false);
            var connectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "postgres",
                Database = "postgres",
                Pooling = false,
            }.ConnectionString;
            var server = new PostgresTestServer(connectionString, bin, folder) { running = false };
            PostgresProcess.StartWatchdog(bin, data, folder);
            await server.RestartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var clean = new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(30).ToArray());
        var name = $"{(clean.Length == 0 ? "test" : clean)}_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnection(AdminConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// Stops the server: by default a fast shutdown (sessions are ended, a checkpoint is written); with
    /// <paramref name="immediate"/> it stops as if it crashed, and recovers from its WAL on the next start.
    /// </summary>
    /// <exception cref="NotSupportedException">The server is external.</exception>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        var tools = RequireOwned();
        await PostgresProcess.RunToolAsync(tools, "pg_ctl", ["-D", DataFolder, "-m", immediate ? "immediate" : "fast", "-w", "stop"], StartTimeout, cancellationToken)
            .ConfigureAwait(false);
        running = false;
    }

    /// <summary>Starts the server again (stopping it first if it runs) on the same port, and waits until it accepts connections.</summary>
    /// <exception cref="NotSupportedException">The server is external.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        var tools = RequireOwned();
        if (running)
        {
            await StopAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await PostgresProcess.RunToolAsync(tools, "pg_ctl", ["-D", DataFolder, "-l", Path.Combine(folder!, "server.log"), "-W", "start"], StartTimeout, cancellationToken)
            .ConfigureAwait(false);
        running = true;
        await WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops a server started here and deletes its files; an external server is left alone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsExternal)
        {
            return;
        }

        try
        {
            if (running)
            {
                await StopAsync(immediate: true).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(folder!, recursive: true);
        }
    }

    private string DataFolder => Path.Combine(folder!, "data");

    // Never disposed: a watchdog stops it and deletes its files when the process ends.
    private static Task<PostgresTestServer> StartSharedAsync() => StartAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string RequireOwned() =>
        bin ?? throw new NotSupportedException($"The server named by {ConnectionStringVariable} is external: it cannot be stopped or restarted by tests.");

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + StartTimeout;
        while (true)
        {
            try
            {
                var connection = new NpgsqlConnection(AdminConnectionString);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception error) when (error is NpgsqlException or SocketException && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
