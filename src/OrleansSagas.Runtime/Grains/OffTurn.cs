using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSagas.Client;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Hosting;

namespace OrleansSagas.Grains;

/// <summary>
/// Work a saga grain starts but never awaits in its turn: step attempts and calls to related sagas. It runs on the
/// thread pool and comes back only by grain calls, so a long step never blocks the saga and sagas never wait on each other.
/// </summary>
internal static partial class OffTurn
{
    /// <summary>Which attempt a step run is, and the task token it hands out (callbacks only).</summary>
    public sealed record StepRun(string SagaId, string Node, int Attempt, bool IsUndo, IReadOnlyDictionary<string, JsonElement> Ancestors, string? TaskToken);

    public static async Task RunStepAsync(StepRun step,
        SagaGrain.Inflight inflight, IServiceProvider services, IStepInterceptor? interceptor, ISagaControlGrain saga,
        Func<IServiceProvider, StepContext, Task<SagaMessage?>> run, Func<SagaError, SagaMessage> failed, ILogger logger)
    {
        SagaMessage? result;
        var (sagaId, node, attempt) = (step.SagaId, step.Node, step.Attempt);
        var token = inflight.Cancellation.Token;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var context = new StepContext(sagaId, node, attempt, step.IsUndo, step.Ancestors, token)
            {
                HeartbeatSink = () => saga.DeliverAsync(new StepHeartbeat(node, attempt)),
                TaskToken = step.TaskToken,
            };
            if (interceptor is not null) await interceptor.BeforeStepAsync(context).ConfigureAwait(false);
            result = await run(scope.ServiceProvider, context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            result = failed(new SagaError(SagaErrors.Cancelled, $"'{node}' was cancelled."));
        }
        catch (StepFailedException e)
        {
            result = failed(new SagaError(e.Error, e.Message));
        }
        catch (Exception e)
        {
            result = failed(new SagaError(e.GetType().Name, e.Message));
        }

        // An abandoned attempt (its activation closed) reports nothing: the next activation runs it again.
        if (inflight.IsAbandoned) return;
        try
        {
            // A callback handler that returned has handed out its token: the saga now waits for the token, not for a result.
            await Retrying(() => result is null ? saga.TaskDispatchedAsync(node, attempt) : saga.DeliverAsync(result)).ConfigureAwait(false);
        }
        catch (SagaNotFoundException)
        {
        }
        catch (Exception e)
        {
            LogReportLost(logger, sagaId, e);
        }
    }

    public static Func<IServiceProvider, StepContext, Task<SagaMessage?>> CallbackRunner(Runtime.ISagaDefinition definition, RunAction action) =>
        async (services, context) =>
        {
            await definition.RunActionAsync(action, services, context).ConfigureAwait(false);
            return null;
        };

    /// <summary>Puts an activity task on its queue shard, then tells the saga it is there.</summary>
    public static async Task EnqueueAsync(Activities.IActivityQueueGrain queue, Activities.QueuedTask task, ISagaControlGrain saga)
    {
        await queue.EnqueueAsync(task).ConfigureAwait(false);
        await saga.TaskDispatchedAsync(task.Node, task.Attempt).ConfigureAwait(false);
    }

    public static Func<IServiceProvider, StepContext, Task<SagaMessage?>> ActionRunner(Runtime.ISagaDefinition definition, RunAction action, int payloadLimit) =>
        async (services, context) =>
        {
            var output = await definition.RunActionAsync(action, services, context).ConfigureAwait(false);
            var size = output.ValueKind == JsonValueKind.Undefined ? 0 : output.GetRawText().Length;
            if (size > payloadLimit)
                throw new StepFailedException("States.DataLimitExceeded", $"The step output is {size} bytes, over the limit of {payloadLimit}.");
            return new StepCompleted(action.Node, action.Attempt, output);
        };

    public static Func<IServiceProvider, StepContext, Task<SagaMessage?>> UndoRunner(Runtime.ISagaDefinition definition, RunUndo undo) =>
        async (services, context) =>
        {
            await definition.RunUndoAsync(undo, services, context).ConfigureAwait(false);
            return new UndoCompleted(undo.Node, undo.Attempt);
        };

    public static async Task StartChildAsync(IGrainFactory grains, ISagaControlGrain parent, StartChild child, SagaStartRequest request)
    {
        SagaDescription saga;
        try
        {
            saga = (await grains.GetGrain<ISagaGrain>(child.ChildId).StartAsync(request).ConfigureAwait(false)).Saga;
        }
        catch (SagaException e)
        {
            await parent.DeliverAsync(new ChildCompleted(child.Node, child.ChildId, SagaStatus.Failed, null,
                new SagaError(SagaErrors.ChildFailed, e.Message))).ConfigureAwait(false);
            return;
        }
        if (saga.Status.IsTerminal())
            await parent.DeliverAsync(new ChildCompleted(child.Node, child.ChildId, saga.Status, saga.Output, saga.Error)).ConfigureAwait(false);
    }

    public static async Task CompensateChildAsync(IGrainFactory grains, ISagaControlGrain parent, CompensateChild child, string reason)
    {
        await grains.GetGrain<ISagaControlGrain>(child.ChildId).DeliverAsync(new CompensateSaga(reason)).ConfigureAwait(false);
        // A child that already finished its compensation (the parent restarted, or an operator retried) reports again.
        var saga = await grains.GetGrain<ISagaGrain>(child.ChildId).DescribeAsync().ConfigureAwait(false);
        if (saga.Status.IsTerminal() && saga.Status != SagaStatus.Succeeded)
            await parent.DeliverAsync(new ChildCompleted(child.Node, child.ChildId, saga.Status, saga.Output, saga.Error)).ConfigureAwait(false);
    }

    public static async Task BackgroundAsync(string sagaId, Func<Task> work, ILogger logger)
    {
        try
        {
            await Retrying(work).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogBackgroundFailed(logger, sagaId, e);
        }
    }

    /// <summary>Runs a grain call, retrying failures that may pass (a silo restarting, a store hiccup) but not saga errors.</summary>
    public static async Task Retrying(Func<Task> work)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not SagaException && attempt < 10)
            {
                await Task.Delay(delay).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Saga {SagaId}: a step result could not be reported; the step runs again on the next activation.")]
    private static partial void LogReportLost(ILogger logger, string sagaId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Saga {SagaId}: a call to a related saga failed for good.")]
    private static partial void LogBackgroundFailed(ILogger logger, string sagaId, Exception exception);
}
