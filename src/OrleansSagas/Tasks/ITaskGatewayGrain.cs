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
    Task<ActivityTask?> PollAsync(string activity, string workerName, TimeSpan wait);

    /// <summary>Reports success for the token's task.</summary>
    Task SucceedAsync(string taskToken, JsonElement output);

    /// <summary>Reports failure for the token's task.</summary>
    Task FailAsync(string taskToken, string? error, string? cause);

    /// <summary>Reports a heartbeat for the token's task.</summary>
    Task HeartbeatAsync(string taskToken);
}
