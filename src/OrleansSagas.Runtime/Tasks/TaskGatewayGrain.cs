using System.Text.Json;
using OrleansSagas.Activities;
using OrleansSagas.Client;
using OrleansSagas.Grains;

namespace OrleansSagas.Tasks;

/// <summary>
/// Verifies task tokens on the silo that receives them (no lookup: the cluster keys are cached) and forwards reports to
/// the token's saga grain; serves activity polls. A stateless worker on every silo, reentrant so long polls do not queue.
/// </summary>
[Orleans.Concurrency.StatelessWorker, Orleans.Concurrency.Reentrant]
internal sealed class TaskGatewayGrain(TaskTokens tokens, ActivityPoller poller) : Grain, ITaskGatewayGrain
{
    /// <summary>The longest error name accepted (as Step Functions).</summary>
    private const int MaxErrorLength = 256;

    /// <summary>The longest failure cause accepted (as Step Functions).</summary>
    private const int MaxCauseLength = 32768;

    public async Task<ActivityTask?> PollAsync(string activity, string workerName, TimeSpan wait, Guid pollId)
    {
        if (Definitions.ActivityNames.Problem(activity) is { } problem) throw new SagaInputException("activity", problem);
        if (string.IsNullOrWhiteSpace(workerName) || workerName.Length > 80)
            throw new SagaInputException("workerName", "The field 'workerName' must be 1–80 characters.");
        var slice = wait > GrainTaskClient.PollSlice ? GrainTaskClient.PollSlice : wait;
        var task = await poller.PollAsync(activity, slice, pollId).ConfigureAwait(true);
        return task is null ? null : new ActivityTask(task.Token, SagaJson.Parse(task.Input)) { EnqueuedAt = task.EnqueuedAt };
    }

    public Task CancelPollAsync(string activity, Guid pollId) => poller.CancelAsync(activity, pollId);

    public Task<ActivityStatus> DescribeActivityAsync(string activity)
    {
        if (Definitions.ActivityNames.Problem(activity) is { } problem) throw new SagaInputException("activity", problem);
        return poller.DescribeAsync(activity);
    }

    public async Task ReturnAsync(string activity, ActivityTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var claims = await tokens.VerifyAsync(task.TaskToken).ConfigureAwait(true);
        await poller.ReturnAsync(activity, new QueuedTask(claims.SagaId, claims.Node, claims.Attempt, task.TaskToken, task.Input.GetRawText(),
            task.EnqueuedAt ?? DateTimeOffset.UtcNow, null)).ConfigureAwait(true);
    }

    /// <remarks>The saga grain checks the output against the payload limit, as it checks inputs and signals.</remarks>
    public Task SucceedAsync(string taskToken, JsonElement output) =>
        SettleAsync(taskToken, new TaskSettlement(TaskSettlementKind.Success, Output: output.ValueKind == JsonValueKind.Undefined ? "null" : output.GetRawText()));

    public Task FailAsync(string taskToken, string? error, string? cause)
    {
        if (error?.Length > MaxErrorLength) throw new SagaInputException("error", $"The field 'error' must be at most {MaxErrorLength} characters (was {error.Length}).");
        if (cause?.Length > MaxCauseLength) throw new SagaInputException("cause", $"The field 'cause' must be at most {MaxCauseLength} characters (was {cause.Length}).");
        return SettleAsync(taskToken, new TaskSettlement(TaskSettlementKind.Failure, Error: error, Cause: cause));
    }

    public Task HeartbeatAsync(string taskToken) => SettleAsync(taskToken, new TaskSettlement(TaskSettlementKind.Heartbeat));

    private async Task SettleAsync(string taskToken, TaskSettlement settlement)
    {
        var claims = await tokens.VerifyAsync(taskToken).ConfigureAwait(true);
        await GrainFactory.GetGrain<ISagaControlGrain>(claims.SagaId).SettleTaskAsync(claims, settlement).ConfigureAwait(true);
    }
}
