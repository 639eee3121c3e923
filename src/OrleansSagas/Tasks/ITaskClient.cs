using System.Text.Json;

namespace OrleansSagas.Tasks;

/// <summary>
/// What workers and callbacks do with task tokens: fetch activity tasks, report success or failure, and send heartbeats.
/// Implemented by grain calls (<see cref="GrainTaskClient"/>) and over HTTP (<see cref="Client.Http.SagaHttpClient"/>).
/// Refused tokens throw <see cref="TaskTokenException"/> and change nothing.
/// </summary>
public interface ITaskClient
{
    /// <summary>
    /// Waits up to <paramref name="wait"/> for a task of <paramref name="activity"/> and hands it to <paramref name="workerName"/>;
    /// null when none arrived in time.
    /// </summary>
    /// <exception cref="Client.SagaInputException">Bad activity or worker name, or a wait outside 0–300 s.</exception>
    Task<ActivityTask?> PollAsync(string activity, string workerName, TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>Ends the task's attempt with <paramref name="output"/>.</summary>
    Task SendSuccessAsync(string taskToken, JsonElement output, CancellationToken cancellationToken = default);

    /// <summary>Fails the task's attempt with <paramref name="error"/> and <paramref name="cause"/>; the step's Retry and Catch apply.</summary>
    Task SendFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default);

    /// <summary>Tells the saga the task is alive, restarting its HeartbeatSeconds countdown.</summary>
    Task SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default);
}
