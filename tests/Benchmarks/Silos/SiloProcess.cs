using System.Diagnostics;

namespace OrleansSagas.Benchmarks.Silos;

/// <summary>
/// A silo process (silo/, copied next to the benchmark as OrleansSagas.Silo.dll) on free ports: HTTP on
/// <c>--urls</c>, Orleans on <c>--Sagas:SiloPort</c> and <c>--Sagas:GatewayPort</c>. Its output is kept in a log file.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly List<(DateTimeOffset At, string Line)> _lines = [];

    private SiloProcess(Process process, Uri address, string logPath)
    {
        _process = process;
        Address = address;
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public Uri Address { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    /// <summary>Starts a silo with <paramref name="settings"/> (configuration keys and values) and waits until /health answers.</summary>
    public static async Task<SiloProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, string logFolder)
    {
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = logFolder,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansSagas.Silo.dll"));
        var args = new Dictionary<string, string>(settings)
        {
            ["urls"] = address.ToString().TrimEnd('/'),
            ["Sagas:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sagas:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in args)
        {
            info.ArgumentList.Add($"--{key}");
            info.ArgumentList.Add(value);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the silo.");
        var node = new SiloProcess(process, address, Path.Combine(logFolder, $"{name}.log"));
        process.OutputDataReceived += (_, e) => node.Record(e.Data);
        process.ErrorDataReceived += (_, e) => node.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The silo {name} exited with code {process.ExitCode}; see {node.LogPath}.");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return node;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException($"The silo {name} did not serve /health within 90 s; see {node.LogPath}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The first output line containing <paramref name="text"/> and when it was read, if any.</summary>
    public (DateTimeOffset At, string Line)? FindLine(string text)
    {
        lock (_lines)
        {
            foreach (var l in _lines)
                if (l.Line.Contains(text, StringComparison.Ordinal)) return l;
        }
        return null;
    }

    private void Record(string? line)
    {
        if (line is null) return;
        var at = DateTimeOffset.UtcNow;
        lock (_lines)
        {
            _lines.Add((at, line));
            _log.WriteLine($"{at:HH:mm:ss.fff} {line}");
        }
    }

    /// <summary>SIGKILL: no graceful shutdown.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_lines) _log.Dispose();
    }
}
