using Microsoft.Extensions.Logging;

namespace OrleansSagas.Tasks;

/// <summary>
/// Loads the cluster's token keys once the silo is active, so the first decision that signs a token does not wait for
/// them. Start-up does not wait either: a failure here is logged, and the first decision loads the keys instead.
/// </summary>
internal sealed partial class TaskTokenPreloader(TaskTokens tokens, ILogger<TaskTokenPreloader> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TaskTokenPreloader), ServiceLifecycleStage.Active, StartAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _ = PreloadAsync();
        return Task.CompletedTask;
    }

    private async Task PreloadAsync()
    {
        try
        {
            await tokens.EnsureLoadedAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogPreloadFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task token keys could not be loaded at start ({Reason}); the first decision that needs them loads them.")]
    private static partial void LogPreloadFailed(ILogger logger, string reason);
}
