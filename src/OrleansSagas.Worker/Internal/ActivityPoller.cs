using System.Collections.Concurrent;
using System.Text.Json;

namespace OrleansSagas.Worker.Internal;

/// <summary>
/// One activity's long-poll loop. It polls only while fewer than MaxConcurrency of its tasks run in this worker, runs each
/// task's handler with automatic heartbeats, and reports each result once.
/// </summary>
internal sealed class ActivityPoller(ActivityRegistration activity, SagaWorkerOptions options, WorkerHttpApi api,
    IServiceProvider services, TimeProvider time, WorkerLog log)
{
    private readonly SemaphoreSlim _slots = new(activity.Options.MaxConcurrency, activity.Options.MaxConcurrency);
    private readonly ConcurrentDictionary<TaskRun, byte> _running = new();

    public ActivityRegistration Activity => activity;

    /// <summary>The tasks whose handlers have not finished yet.</summary>
    public IReadOnlyList<TaskRun> Running => [.. _running.Keys];

    /// <summary>Polls until <paramref name="stopping"/> fires. Reports are bounded by <paramref name="abort"/> alone, so results reach the server during shutdown.</summary>
    public async Task PollAsync(CancellationToken stopping, CancellationToken abort)
    {
        log.Polling(options.WorkerName, activity.Name, options.ServerUrl!, activity.Options.MaxConcurrency);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            ActivityTask? task;
            try
            {
                task = await api.PollAsync(activity.Name, activity.Options.PollWaitSeconds, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                _slots.Release();
                return;
            }
            catch (Exception e)
            {
                _slots.Release();
                log.PollLoopFailed(activity.Name, e);
                if (!await DelayAsync(options.MaxRetryDelay, stopping).ConfigureAwait(false)) return;
                continue;
            }
            if (task is null)
            {
                _slots.Release();
                continue;
            }
            if (stopping.IsCancellationRequested)
            {
                _slots.Release();
                log.TaskArrivedDuringShutdown(activity.Name, task.TaskToken);
                await ReportAsync(task, ShutdownFailure(), abort).ConfigureAwait(false);
                return;
            }
            var run = new TaskRun(task);
            _running[run] = 0;
            // On the thread pool: a handler that blocks before its first await must not hold up the loop.
            _ = Task.Run(() => RunAsync(run, abort), CancellationToken.None);
        }
    }

    /// <summary>Cancels every task whose handler is still running and fails it with <see cref="SagaWorkerOptions.ShutdownError"/>.</summary>
    public Task AbandonRunningAsync(CancellationToken abort) => Task.WhenAll(Running.Select(async run =>
    {
        if (!run.TrySettle()) return;
        log.TaskAbandoned(activity.Name, run.ActivityTask.TaskToken);
        run.Cancel();
        try
        {
            await ReportAsync(run.ActivityTask, ShutdownFailure(), abort).ConfigureAwait(false);
        }
        finally
        {
            run.Complete();
        }
    }));

    private async Task RunAsync(TaskRun run, CancellationToken abort)
    {
        try
        {
            log.TaskStarted(activity.Name, run.ActivityTask.TaskToken);
            var context = new ActivityContext(run.ActivityTask.TaskToken, activity.Name, options.WorkerName, run.Token, ct => ManualHeartbeatAsync(run, ct));
            using var stopHeartbeats = CancellationTokenSource.CreateLinkedTokenSource(run.Token);
            var heartbeats = HeartbeatLoopAsync(run, stopHeartbeats.Token);
            Outcome outcome;
            try
            {
                var output = await activity.Invoker.InvokeAsync(services, run.ActivityTask.Input, context, options.SerializerOptions).ConfigureAwait(false);
                outcome = new Outcome(output, null, "");
            }
            catch (ActivityFailedException e)
            {
                outcome = new Outcome(default, e.Error, e.Cause);
            }
            catch (Exception e)
            {
                outcome = new Outcome(default, e.GetType().Name, e.Message);
            }
            await stopHeartbeats.CancelAsync().ConfigureAwait(false);
            await heartbeats.ConfigureAwait(false);
            if (run.TrySettle()) await ReportAsync(run.ActivityTask, outcome, abort).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(run, out _);
            _slots.Release();
            run.Complete();
        }
    }

    private async Task HeartbeatLoopAsync(TaskRun run, CancellationToken stop)
    {
        if (activity.Options.HeartbeatInterval == Timeout.InfiniteTimeSpan) return;
        using var timer = new PeriodicTimer(activity.Options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                // Not cancelled when the handler finishes: the result is sent only after the last heartbeat was answered.
                if (await SendHeartbeatAsync(run, run.Token).ConfigureAwait(false) == TaskCallStatus.NotOwned) return;
            }
        }
        catch (OperationCanceledException)
        {
            // The handler finished or the task is no longer this worker's.
        }
    }

    private async Task ManualHeartbeatAsync(TaskRun run, CancellationToken cancellationToken)
    {
        run.Token.ThrowIfCancellationRequested();
        if (await SendHeartbeatAsync(run, cancellationToken).ConfigureAwait(false) == TaskCallStatus.NotOwned)
            throw new OperationCanceledException("The task is no longer this worker's.", run.Token);
    }

    private async Task<TaskCallStatus> SendHeartbeatAsync(TaskRun run, CancellationToken cancellationToken)
    {
        var result = await api.HeartbeatAsync(run.ActivityTask.TaskToken, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case TaskCallStatus.NotOwned:
                if (run.TrySettle())
                {
                    log.TaskLost(activity.Name, result.ToString(), run.ActivityTask.TaskToken);
                    run.Cancel();
                    run.Complete();
                }
                break;
            case TaskCallStatus.Rejected or TaskCallStatus.Unreachable:
                log.HeartbeatFailed(activity.Name, result.ToString(), run.ActivityTask.TaskToken);
                break;
        }
        return result.Status;
    }

    private async Task ReportAsync(ActivityTask task, Outcome outcome, CancellationToken abort)
    {
        try
        {
            var result = outcome.Error is null
                ? await api.SucceedAsync(task.TaskToken, outcome.Output, abort).ConfigureAwait(false)
                : await api.FailAsync(task.TaskToken, outcome.Error, outcome.Cause, abort).ConfigureAwait(false);
            if (outcome.Error is null && result.Status == TaskCallStatus.Rejected)
            {
                // The output itself was refused (e.g. too large): fail the task with the server's reason rather than leave it to time out.
                log.ResultRefused(activity.Name, result.ToString(), task.TaskToken);
                var error = result.Error ?? "Worker.OutputRejected";
                outcome = new Outcome(default, error, result.Detail ?? "");
                result = await api.FailAsync(task.TaskToken, error, outcome.Cause, abort).ConfigureAwait(false);
            }
            if (result.Status == TaskCallStatus.Accepted) log.TaskReported(activity.Name, outcome.Error ?? "success", task.TaskToken);
            else log.ResultRefused(activity.Name, result.ToString(), task.TaskToken);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            log.ReportAbandoned(activity.Name, task.TaskToken);
        }
        catch (Exception e)
        {
            // The task comes back through its timeout and the saga's retries; the worker goes on.
            log.ReportFailed(activity.Name, task.TaskToken, e);
        }
    }

    private Outcome ShutdownFailure() =>
        new(default, SagaWorkerOptions.ShutdownError, $"Worker {options.WorkerName} shut down before the task finished.");

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private readonly record struct Outcome(JsonElement Output, string? Error, string Cause);
}
