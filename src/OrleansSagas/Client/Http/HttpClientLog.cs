using Microsoft.Extensions.Logging;

namespace OrleansSagas.Client.Http;

/// <summary>The HTTP client's structured log messages.</summary>
internal sealed partial class HttpClientLog(ILogger logger)
{
    [LoggerMessage(1, LogLevel.Warning, "Call to gateway {Gateway} failed (attempt {Attempt}): {Reason}; retrying")]
    public partial void Retrying(Uri gateway, int attempt, string reason);
}
