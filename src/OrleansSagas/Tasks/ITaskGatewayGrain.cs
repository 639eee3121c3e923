using System.Text.Json;

namespace OrleansSagas.Tasks;

/// <summary>
/// The cluster's entry point for task tokens and activity polls (a stateless worker on every silo): verifies tokens with
/// the cluster's keys and forwards them to their saga. Orleans apps reach it through <see cref="GrainTaskClient"/>.
/// </summary>
public interface ITaskGatewayGrain : IGrainWithIntegerKey
{
    /// <summary>One long-poll slice (at most <see cref="GrainTaskClient.PollSlice"/>); null when no task arrived.</summary>
    /// <exception cref="Client.SagaInputException">Bad activity or worker name.</exception>
    /// <param name="activity">The activity.</param>
    /// <param name="workerName">Who polls (for the record).</param>
    /// <param name="wait">How long to wait for a task.</param>
    /// <param name="pollId">Identifies this poll to <see cref="CancelPollAsync"/>.</param>
    Task<ActivityTask?> PollAsync(string activity, string workerName, TimeSpan wait, Guid pollId);

    /// <summary>Ends the wait of a poll whose caller went away; the poll then answers null (or a task, to be returned).</summary>
    Task CancelPollAsync(string activity, Guid pollId);

    /// <summary>Puts a task received by a poll whose caller went away back at the front of its queue.</summary>
    /// <exception cref="TaskTokenException">The task's token is not genuine.</exception>
    Task ReturnAsync(string activity, ActivityTask task);

    /// <summary>How many tasks of <paramref name="activity"/> wait for a worker (and are handed out, with a limit).</summary>
    /// <exception cref="Client.SagaInputException">Bad activity name.</exception>
    Task<ActivityStatus> DescribeActivityAsync(string activity);

    /// <summary>Reports success for the token's task.</summary>
    Task SucceedAsync(string taskToken, JsonElement output);

    /// <summary>Reports failure for the token's task.</summary>
    Task FailAsync(string taskToken, string? error, string? cause);

    /// <summary>Reports a heartbeat for the token's task.</summary>
    Task HeartbeatAsync(string taskToken);
}
