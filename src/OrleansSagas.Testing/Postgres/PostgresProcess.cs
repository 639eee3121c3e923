using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrleansSagas.Testing.Postgres;

/// <summary>Finds the installed PostgreSQL binaries and runs them, as the <c>postgres</c> user when this process is root (initdb refuses root).</summary>
internal static class PostgresProcess
{
    public const string MissingMessage =
        "PostgreSQL tests need Debian's `postgresql` package (apt-get install postgresql) or a connection string in ORLEANSSAGAS_POSTGRES.";

    private const string ServiceUser = "postgres";

    /// <summary>The bin folder of the highest installed version under /usr/lib/postgresql, or null.</summary>
    public static string? FindBinFolder()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(folder => (Folder: folder, Version: double.TryParse(Path.GetFileName(folder), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(candidate => candidate.Version >= 0 && File.Exists(Path.Combine(candidate.Folder, "bin", "initdb")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Folder, "bin"))
            .FirstOrDefault();
    }

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Gives a folder to the service user so the server may write in it.</summary>
    public static Task TakeOwnershipAsync(string folder, CancellationToken cancellationToken) =>
        IsRoot ? RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", folder], asServiceUser: false, TimeSpan.FromSeconds(30), cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Starts a detached shell that waits for this process to end, however it ends (even killed), then stops the server
    /// and deletes its folder, so no test run leaves a server or its files behind.
    /// </summary>
    public static void StartWatchdog(string bin, string dataFolder, string folder)
    {
        var pgCtl = Path.Combine(bin, "pg_ctl");
        var stop = IsRoot ? $"runuser -u {ServiceUser} -- '{pgCtl}'" : $"'{pgCtl}'";
        var script =
            $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"{stop} -D '{dataFolder}' -m immediate -w stop; rm -rf '{folder}'";
        var start = new ProcessStartInfo { FileName = "/bin/sh", UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog.");
    }

    /// <summary>Runs a PostgreSQL tool; throws with its output when it fails or overruns <paramref name="timeout"/>.</summary>
    public static Task<string> RunToolAsync(string bin, string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(bin, tool), arguments, asServiceUser: IsRoot, timeout, cancellationToken);

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, bool asServiceUser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = asServiceUser ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            foreach (var argument in new[] { "-u", ServiceUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
        }

        return output.ToString();
    }
}
