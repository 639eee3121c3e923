using System.Text.Json;
using OrleansSagas.Client;

namespace OrleansSagas.Tasks;

/// <summary>The task client of Orleans apps: grain calls to <see cref="ITaskGatewayGrain"/> on any silo.</summary>
public sealed class GrainTaskClient(IGrainFactory grains) : ITaskClient
{
    /// <summary>The longest single poll call; longer polls chain calls so no grain call nears Orleans' response timeout.</summary>
    public static readonly TimeSpan PollSlice = TimeSpan.FromSeconds(20);

    /// <summary>The longest poll accepted.</summary>
    public static readonly TimeSpan MaxPollWait = TimeSpan.FromSeconds(300);

    private ITaskGatewayGrain Gateway => grains.GetGrain<ITaskGatewayGrain>(0);

    /// <inheritdoc />
    public async Task<ActivityTask?> PollAsync(string activity, string workerName, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (wait < TimeSpan.Zero || wait > MaxPollWait)
            throw new SagaInputException("waitSeconds", $"The poll wait must be 0–{MaxPollWait.TotalSeconds} seconds (was {wait.TotalSeconds}).");
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = deadline - DateTimeOffset.UtcNow;
            var slice = left < PollSlice ? (left < TimeSpan.Zero ? TimeSpan.Zero : left) : PollSlice;
            // The call itself is not cancelled: its answer must be read, since a task may be in it. The wait is ended instead.
            var pollId = Guid.NewGuid();
            ActivityTask? task;
            using (cancellationToken.Register(() => _ = Gateway.CancelPollAsync(activity, pollId)))
                task = await Gateway.PollAsync(activity, workerName, slice, pollId).ConfigureAwait(false);
            if (task is not null && cancellationToken.IsCancellationRequested)
            {
                // Nobody will work on it: hand it back rather than let it wait for its heartbeat or timeout.
                await Gateway.ReturnAsync(activity, task).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (task is not null || slice < PollSlice) return task;
        }
    }

    /// <inheritdoc />
    public Task SendSuccessAsync(string taskToken, JsonElement output, CancellationToken cancellationToken = default) =>
        Gateway.SucceedAsync(taskToken, output);

    /// <inheritdoc />
    public Task SendFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default) =>
        Gateway.FailAsync(taskToken, error, cause);

    /// <inheritdoc />
    public Task SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        Gateway.HeartbeatAsync(taskToken);
}
