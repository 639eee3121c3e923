using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>
/// The worker-sample executable (from its build output) run as a child process against a server. <see cref="Kill"/> is
/// SIGKILL, <see cref="Terminate"/> SIGTERM (a graceful stop); dispose always kills.
/// </summary>
public sealed class WorkerSampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerSampleProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts worker-sample for <paramref name="server"/> as <paramref name="name"/> and waits until it prints "worker &lt;name&gt; ready".</summary>
    public static async Task<WorkerSampleProcess> StartAsync(Uri server, string name, int concurrency = 4, params string[] extraArgs)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(AssemblyPath());
        string[] args =
        [
            "--Worker:ServerUrl", server.ToString(),
            "--Worker:Name", name,
            "--Worker:Concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
            .. extraArgs,
        ];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerSampleProcess(process, name);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await worker.WaitForOutputAsync($"worker {name} ready", TimeSpan.FromSeconds(60));
        return worker;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails early if the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? deadline = null)
    {
        await Eventually.True(() => _process.HasExited || Output.Contains(text, StringComparison.Ordinal), $"worker-sample prints '{text}'", deadline);
        if (!Output.Contains(text, StringComparison.Ordinal))
            throw new InvalidOperationException($"worker-sample exited with code {_process.ExitCode} before printing '{text}':\n{Output}");
    }

    /// <summary>SIGTERM: the worker stops polling, waits its grace period, fails unfinished tasks with Worker.Shutdown and exits.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: the worker vanishes without reporting anything.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public Task WaitForExitAsync(TimeSpan deadline) => _process.WaitForExitAsync(new CancellationTokenSource(deadline).Token);

    public void Dispose()
    {
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

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static string AssemblyPath()
    {
        var configuration = typeof(WorkerSampleProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansSagas.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"Cannot find the repository root above {AppContext.BaseDirectory}.");
        var path = Path.Combine(root.FullName, "worker-sample", "bin", configuration, framework, "OrleansSagas.WorkerSample.dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"worker-sample is not built at {path}; build the solution first.", path);
        return path;
    }
}
