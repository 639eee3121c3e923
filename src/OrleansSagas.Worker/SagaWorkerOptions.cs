using System.Text.Json;

namespace OrleansSagas.Worker;

/// <summary>Settings of a saga worker process: which server it polls, the name it polls under, and how it retries and shuts down.</summary>
public sealed class SagaWorkerOptions
{
    /// <summary>The saga server's base address, e.g. <c>http://127.0.0.1:5080</c> (any node of the cluster). Required.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>The name this worker polls under; the server records it on the tasks it hands out. Default machine name and process id.</summary>
    public string WorkerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// How long, once the host stops, running handlers may still take to finish (their results are reported). Handlers
    /// still running after it are cancelled and their tasks failed with <see cref="ShutdownError"/>. Default 10 seconds.
    /// Keep the host's <c>HostOptions.ShutdownTimeout</c> (default 30 seconds) above it.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one call to the server may take (a long poll adds its wait). Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first retry of a call that failed transiently (connection refused, timeout, 5xx); doubles per retry. Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two retries. Default 5 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How task inputs are read and outputs written. Default <see cref="JsonSerializerDefaults.Web"/> (camelCase, case-insensitive reads).</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>The error a task is failed with when the worker stops before its handler finished, so the saga retries it per its retry policy.</summary>
    public const string ShutdownError = "Worker.Shutdown";

    /// <summary>Checks every setting and names the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (ServerUrl is null)
            throw new ArgumentException("SagaWorkerOptions.ServerUrl is required (e.g. http://127.0.0.1:5080).", nameof(ServerUrl));
        if (!ServerUrl.IsAbsoluteUri || (ServerUrl.Scheme != Uri.UriSchemeHttp && ServerUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"SagaWorkerOptions.ServerUrl must be an absolute http or https URI (was '{ServerUrl}').", nameof(ServerUrl));
        if (string.IsNullOrWhiteSpace(WorkerName))
            throw new ArgumentException("SagaWorkerOptions.WorkerName must not be empty.", nameof(WorkerName));
        if (ShutdownGracePeriod < TimeSpan.Zero)
            throw new ArgumentException("SagaWorkerOptions.ShutdownGracePeriod must not be negative.", nameof(ShutdownGracePeriod));
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException("SagaWorkerOptions.RequestTimeout must be positive.", nameof(RequestTimeout));
        if (RetryDelay < TimeSpan.Zero)
            throw new ArgumentException("SagaWorkerOptions.RetryDelay must not be negative.", nameof(RetryDelay));
        if (MaxRetryDelay < RetryDelay)
            throw new ArgumentException("SagaWorkerOptions.MaxRetryDelay must not be less than RetryDelay.", nameof(MaxRetryDelay));
        ArgumentNullException.ThrowIfNull(SerializerOptions, nameof(SerializerOptions));
    }
}
