using Microsoft.Extensions.Logging;

namespace OrleansSagas.Worker.Internal;

/// <summary>The worker's structured log messages.</summary>
internal sealed partial class WorkerLog(ILogger logger)
{
    [LoggerMessage(1, LogLevel.Information, "Worker {Worker} polls activity {Activity} on {Server} (at most {MaxConcurrency} tasks at once)")]
    public partial void Polling(string worker, string activity, Uri server, int maxConcurrency);

    [LoggerMessage(2, LogLevel.Warning, "Poll of activity {Activity} failed (attempt {Attempt}): {Reason}; retrying")]
    public partial void PollRetrying(string activity, int attempt, string reason);

    [LoggerMessage(3, LogLevel.Error, "Poll of activity {Activity} refused: {Reason}")]
    public partial void PollRefused(string activity, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Call {Path} failed (attempt {Attempt}): {Reason}; retrying")]
    public partial void ReportRetrying(string path, int attempt, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Task of activity {Activity} started ({TaskToken})")]
    public partial void TaskStarted(string activity, string taskToken);

    [LoggerMessage(6, LogLevel.Debug, "Task of activity {Activity} reported: {Outcome} ({TaskToken})")]
    public partial void TaskReported(string activity, string outcome, string taskToken);

    [LoggerMessage(7, LogLevel.Warning, "Task of activity {Activity} is no longer this worker's ({Answer}); its handler is cancelled and no result is sent ({TaskToken})")]
    public partial void TaskLost(string activity, string answer, string taskToken);

    [LoggerMessage(8, LogLevel.Warning, "The result of a task of activity {Activity} was refused: {Answer} ({TaskToken})")]
    public partial void ResultRefused(string activity, string answer, string taskToken);

    [LoggerMessage(9, LogLevel.Warning, "Heartbeat for a task of activity {Activity} failed: {Reason}; the next one follows ({TaskToken})")]
    public partial void HeartbeatFailed(string activity, string reason, string taskToken);

    [LoggerMessage(10, LogLevel.Information, "Worker {Worker} stops polling; waiting up to {GracePeriod} for {Running} running tasks")]
    public partial void Stopping(string worker, TimeSpan gracePeriod, int running);

    [LoggerMessage(11, LogLevel.Warning, "Task of activity {Activity} did not finish within the shutdown grace period; it is cancelled and failed with Worker.Shutdown ({TaskToken})")]
    public partial void TaskAbandoned(string activity, string taskToken);

    [LoggerMessage(12, LogLevel.Warning, "Task of activity {Activity} arrived after shutdown began; it is failed with Worker.Shutdown ({TaskToken})")]
    public partial void TaskArrivedDuringShutdown(string activity, string taskToken);

    [LoggerMessage(13, LogLevel.Error, "Polling activity {Activity} failed unexpectedly; polling again")]
    public partial void PollLoopFailed(string activity, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "The result of a task of activity {Activity} could not be reported before the host gave up ({TaskToken})")]
    public partial void ReportAbandoned(string activity, string taskToken);

    [LoggerMessage(16, LogLevel.Error, "The result of a task of activity {Activity} could not be reported ({TaskToken})")]
    public partial void ReportFailed(string activity, string taskToken, Exception exception);

    [LoggerMessage(15, LogLevel.Warning, "Worker {Worker} has no activities registered; it polls nothing")]
    public partial void NoActivities(string worker);
}
