using Microsoft.Extensions.Logging;

namespace OrleansSagas.Runtime;

/// <summary>The runtime's structured log messages.</summary>
internal sealed partial class RuntimeLog(ILogger<SagaRuntime> logger)
{
    [LoggerMessage(1, LogLevel.Warning, "A turn of saga {SagaId} failed; its state will be reloaded from the log")]
    public partial void TurnFailed(string sagaId, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "The store failed (attempt {Attempt}); retrying in {Delay}")]
    public partial void StoreRetry(int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Node {Node} started owning {Partitions} partitions")]
    public partial void Started(string node, int partitions);

    [LoggerMessage(6, LogLevel.Information, "Resuming {Count} running sagas of partition {Partition}")]
    public partial void Resuming(int count, int partition);

    [LoggerMessage(4, LogLevel.Warning, "Background work failed")]
    public partial void BackgroundFailed(Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Scanning due timers failed")]
    public partial void TimerScanFailed(Exception exception);
}
