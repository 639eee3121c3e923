using Microsoft.Extensions.Logging;

namespace OrleansSagas.Server.Api;

/// <summary>The HTTP API's structured log messages.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);
}
