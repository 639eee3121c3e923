using System.Text.Json;
using OrleansSagas.Activities;
using OrleansSagas.Client;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Runtime;
using OrleansSagas.Tasks;

namespace OrleansSagas.Grains;

/// <summary>
/// Attempts completed by task token: activity tasks put on their queue, callbacks whose handler hands the token out.
/// The grain records each such attempt with the decision that scheduled it, accepts reports while it is pending, and
/// afterwards refuses them with the reason (timed out, superseded, already completed).
/// </summary>
internal sealed partial class SagaGrain
{
    /// <summary>Settled tasks kept to explain refusals of late reports; pending ones are always kept.</summary>
    private const int SettledTasksKept = 32;
    private bool _tasksDirty;

    public async Task SettleTaskAsync(TaskTokenClaims claims, TaskSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(settlement);
        if (_definition is null || _state is null)
        {
            if (_dropped) throw new InvalidOperationException($"Saga '{Id}' is moving to another activation; retry the call.");
            DeactivateOnIdle();
            throw new TaskTokenException(TaskTokenRejection.Unknown, $"The task token names saga '{claims.SagaId}', which does not exist.");
        }
        var tasks = _store.State.ExternalTasks;
        var task = tasks.Find(t => t.Node == claims.Node && t.Attempt == claims.Attempt)
            ?? throw (tasks.Exists(t => t.Node == claims.Node && t.Attempt > claims.Attempt)
                ? Refused(TaskTokenRejection.Superseded, claims, "a later attempt replaced it")
                : Refused(TaskTokenRejection.Unknown, claims, "the saga has no such task"));
        switch (task.Status)
        {
            case ExternalTaskStatus.Succeeded or ExternalTaskStatus.Failed:
                throw Refused(TaskTokenRejection.AlreadyCompleted, claims, $"it already {(task.Status == ExternalTaskStatus.Succeeded ? "succeeded" : "failed")}");
            case ExternalTaskStatus.TimedOut:
                throw Refused(TaskTokenRejection.TimedOut, claims, "it timed out");
            case ExternalTaskStatus.Superseded:
                throw Refused(TaskTokenRejection.Superseded, claims, "the saga no longer waits for it (a later attempt, a cancellation, or the saga ended)");
        }
        SagaMessage message = settlement.Kind switch
        {
            TaskSettlementKind.Success => new StepCompleted(claims.Node, claims.Attempt, Output(settlement.Output)),
            TaskSettlementKind.Failure => new StepFailed(claims.Node, claims.Attempt, new SagaError(settlement.Error ?? "", settlement.Cause ?? "")),
            _ => new StepHeartbeat(claims.Node, claims.Attempt),
        };
        await DeliverAsync(message).ConfigureAwait(true);
    }

    public Task TaskDispatchedAsync(string node, int attempt)
    {
        if (FindTask(node, attempt) is { Dispatched: false } task)
        {
            // Written with the next decision (or at deactivation); lost only with a crash, and then the dispatch repeats.
            task.Dispatched = true;
            _tasksDirty = true;
        }
        // A callback handler returned: the step now waits for its token, not for this activation.
        ForgetInflight(node, attempt, isUndo: false);
        return Task.CompletedTask;
    }

    private async Task WriteDispatchedTasksAsync()
    {
        try
        {
            await _store.WriteStateAsync().ConfigureAwait(true);
            _tasksDirty = false;
        }
        catch (Exception e)
        {
            // Another activation wrote first, or the store is away: at worst a task is handed out twice (first report wins).
            LogDispatchWriteFailed(Id, e.Message);
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Saga {SagaId}: dispatched tasks were not written at deactivation ({Reason}); they may be handed out again.")]
    private partial void LogDispatchWriteFailed(string sagaId, string reason);

    private JsonElement Output(string? json)
    {
        var output = SagaJson.Parse(json ?? "null");
        CheckPayload("output", output);
        return output;
    }

    private static TaskTokenException Refused(TaskTokenRejection rejection, TaskTokenClaims claims, string why) =>
        new(rejection, $"The task token of saga '{claims.SagaId}', step '{claims.Node}', attempt {claims.Attempt} is refused: {why}.");

    private ExternalTask? FindTask(string node, int attempt) =>
        _store.State.ExternalTasks.Find(t => t.Node == node && t.Attempt == attempt);

    /// <summary>
    /// Brings the external task records up to date with a decision, before it is written: new attempts become pending,
    /// reported ones settle, cancelled ones time out or are superseded. Returns the activity tasks it settled (their
    /// concurrency permits are released once the decision is durable), or null when nothing changed.
    /// </summary>
    private List<ExternalTask>? TrackExternalTasks(ISagaDefinition definition, SagaTurn turn, SagaMessage message)
    {
        var tasks = _store.State.ExternalTasks;
        var actions = turn.Commands.OfType<RunAction>().Where(a => a.IsExternal).ToList();
        if (tasks.Count == 0 && actions.Count == 0) return null;
        var settled = new List<ExternalTask>();
        var changed = false;

        void Settle(ExternalTask task, ExternalTaskStatus status)
        {
            if (task.Status != ExternalTaskStatus.Pending) return;
            task.Status = status;
            settled.Add(task);
            changed = true;
        }

        var report = message switch
        {
            StepCompleted m => (m.Node, m.Attempt, Outcome: ExternalTaskStatus.Succeeded),
            StepFailed m => (m.Node, m.Attempt, Outcome: ExternalTaskStatus.Failed),
            _ => default,
        };
        if (turn.Events.Count > 0 && report.Node is not null && tasks.Find(t => t.Node == report.Node && t.Attempt == report.Attempt) is { } reported)
            Settle(reported, report.Outcome);
        foreach (var cancel in turn.Commands.OfType<CancelAction>())
        {
            foreach (var task in tasks.Where(t => t.Node == cancel.Node))
                Settle(task, message is TimerFired ? ExternalTaskStatus.TimedOut : ExternalTaskStatus.Superseded);
        }
        foreach (var action in actions)
        {
            foreach (var older in tasks.Where(t => t.Node == action.Node && t.Attempt < action.Attempt)) Settle(older, ExternalTaskStatus.Superseded);
            if (tasks.Exists(t => t.Node == action.Node && t.Attempt == action.Attempt)) continue;
            tasks.Add(new ExternalTask { Node = action.Node, Attempt = action.Attempt, Activity = action.Activity });
            changed = true;
        }
        if (tasks.Exists(t => t.Status == ExternalTaskStatus.Pending) && definition.View(turn.State).Status.IsTerminal())
        {
            foreach (var task in tasks) Settle(task, ExternalTaskStatus.Superseded);
        }
        var excess = tasks.Count(t => t.Status != ExternalTaskStatus.Pending) - SettledTasksKept;
        if (excess > 0)
        {
            var oldest = tasks.Where(t => t.Status != ExternalTaskStatus.Pending).Take(excess).ToHashSet();
            tasks.RemoveAll(oldest.Contains);
            changed = true;
        }
        return changed ? settled : null;
    }

    /// <summary>Frees the concurrency permits of settled activity tasks whose activity has a limit.</summary>
    private void ReleasePermits(List<ExternalTask>? settled)
    {
        if (settled is null) return;
        foreach (var task in settled)
        {
            if (task.Activity is not { } activity || _options.ConcurrencyLimitOf(activity) is null) continue;
            var limiter = GrainFactory.GetGrain<IActivityLimiterGrain>(activity);
            var key = task.QueueKey(Id);
            Background(() => limiter.ReleaseTaskAsync(key));
        }
    }

    /// <summary>
    /// A cancelled saga stops waiting for its external tasks: nobody runs them here to see a cancellation token fire, so
    /// the grain reports the attempt cancelled itself (a timed-out attempt has already failed).
    /// </summary>
    private void CancelExternalTask(string node)
    {
        if (_store.State.ExternalTasks.FindLast(t => t.Node == node) is not { Status: ExternalTaskStatus.Superseded } task) return;
        var self = GrainFactory.GetGrain<ISagaControlGrain>(Id);
        var cancelled = new StepFailed(node, task.Attempt, new SagaError(SagaErrors.Cancelled, $"'{node}' was cancelled while its task was with a worker."));
        Background(() => self.DeliverAsync(cancelled));
    }

    /// <summary>The token an external attempt hands out; null when it was dispatched already (or is settled).</summary>
    private string? TokenToDispatch(RunAction action) =>
        FindTask(action.Node, action.Attempt) is { Status: ExternalTaskStatus.Pending, Dispatched: false }
            ? action.TaskToken ?? _tokens.Issue(new TaskTokenClaims(Id, action.Node, action.Attempt))
            : null;

    /// <summary>Puts an activity attempt on its queue, unless it is already there (or settled).</summary>
    private void EnqueueActivity(RunAction action)
    {
        if (TokenToDispatch(action) is not { } token) return;
        var task = new QueuedTask(Id, action.Node, action.Attempt, token, action.Input.GetRawText(), _clock.GetUtcNow(), action.TimeoutAt);
        var shard = ActivityShards.Of(action.Activity!, task.Key, _options.ActivityQueueShards);
        var queue = GrainFactory.GetGrain<IActivityQueueGrain>(shard);
        var self = GrainFactory.GetGrain<ISagaControlGrain>(Id);
        Background(() => OffTurn.EnqueueAsync(queue, task, self));
    }
}
