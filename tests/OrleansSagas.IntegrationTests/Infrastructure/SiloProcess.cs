using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansSagas.IntegrationTests.Infrastructure;

/// <summary>
/// The real silo executable (from its build output) run as a child process on free ports (HTTP, silo, gateway), with its SQLite file,
/// step log and hold folder in a temp folder. <see cref="Kill"/> is SIGKILL on Linux; dispose always kills.
/// </summary>
public sealed partial class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, string directory, int gatewayPort)
    {
        _process = process;
        Directory = directory;
        GatewayPort = gatewayPort;
        Steps = new StepLog(Path.Combine(directory, "steps.log"));
    }

    public string Directory { get; }

    /// <summary>The Orleans gateway port clients connect to.</summary>
    public int GatewayPort { get; }
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public StepLog Steps { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the silo on the store in <paramref name="directory"/> and waits until it serves /health.</summary>
    public static async Task<SiloProcess> StartAsync(string directory, params string[] extraArgs)
    {
        var silo = Launch(directory, extraArgs);
        await silo.WaitUntilServingAsync();
        return silo;
    }

    /// <summary>Starts the silo without waiting for it (for runs expected to fail).</summary>
    public static SiloProcess Launch(string directory, params string[] extraArgs)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SiloAssemblyPath());
        var gatewayPort = PortArgument(extraArgs, "--Sagas:GatewayPort") ?? FreePort.Next();
        string[] ports = PortArgument(extraArgs, "--Sagas:SiloPort") is null
            ? ["--Sagas:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : [];
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Sagas:SqlitePath", Path.Combine(directory, "sagas.db"),
            "--Sagas:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. ports,
            "--Samples:StepLogPath", Path.Combine(directory, "steps.log"),
            "--Samples:HoldDirectory", directory,
            .. extraArgs,
        ];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, directory, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    private static int? PortArgument(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilServingAsync()
    {
        await Eventually.True(() => _process.HasExited || ListeningOn().Success, "the silo listens", TimeSpan.FromSeconds(60));
        if (_process.HasExited) throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{Output}");
        BaseAddress = new Uri(ListeningOn().Groups[1].Value);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        await Eventually.True(async () =>
        {
            try
            {
                using var response = await Http.GetAsync("/health");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the silo serves /health");
    }

    private Match ListeningOn() => ListeningPattern().Match(Output);

    /// <summary>Waits until the process has exited by itself.</summary>
    public Task WaitForExitAsync(TimeSpan deadline) =>
        _process.WaitForExitAsync(new CancellationTokenSource(deadline).Token);

    /// <summary>Kills the whole process tree at once (SIGKILL): no graceful shutdown, no flushing, the silo stays in the membership table until declared dead.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Http?.Dispose();
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private static string SiloAssemblyPath()
    {
        var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansSagas.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"Cannot find the repository root above {AppContext.BaseDirectory}.");
        var path = Path.Combine(root.FullName, "silo", "bin", configuration, framework, "OrleansSagas.Silo.dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"The silo is not built at {path}; build the solution first.", path);
        return path;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();
}
