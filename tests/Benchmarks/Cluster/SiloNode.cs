using System.Diagnostics;

namespace OrleansSagas.Benchmarks.Cluster;

/// <summary>A silo process (the silo assembly copied next to the benchmark) on PostgreSQL with the default cluster settings.</summary>
internal sealed class SiloNode : IDisposable
{
    private readonly Process _process;

    private SiloNode(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<SiloNode> StartAsync(string connectionString, string holdDirectory)
    {
        var address = new Uri($"http://127.0.0.1:{ClusterPostgresBenchmark.FreePort()}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "OrleansSagas.Silo.dll"), "--urls", address.ToString().TrimEnd('/'),
                     "--Sagas:Storage", "PostgreSql", "--ConnectionStrings:Sagas", connectionString, "--Samples:HoldDirectory", holdDirectory,
                     "--Logging:LogLevel:Default", "Warning"])
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the silo.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new SiloNode(process, address);
        using var http = new HttpClient { BaseAddress = address };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The silo exited with code {process.ExitCode}.");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return node;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("The silo did not serve /health within 30 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, leases left to lapse.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
