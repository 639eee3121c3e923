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

internal sealed partial class SagaGrain
{
    private readonly Dictionary<string, Inflight> _inflight = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> _waiters = [];

    private void Execute(IEnumerable<SagaCommand> commands)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case RunAction { Activity: not null } activity:
                    EnqueueActivity(activity);
                    break;
                case RunAction { WaitForTaskToken: true } callback:
                    StartCallback(callback);
                    break;
                case RunAction action:
                    var definition = _definition!;
                    StartStep(action.Node, action.Attempt, isUndo: false, action.AncestorOutputs,
                        OffTurn.ActionRunner(definition, action, _options.PayloadLimitBytes),
                        error => new StepFailed(action.Node, action.Attempt, error), taskToken: null);
                    break;
                case RunUndo undo:
                    var undoDefinition = _definition!;
                    StartStep(undo.Node, undo.Attempt, isUndo: true, new Dictionary<string, JsonElement>(),
                        OffTurn.UndoRunner(undoDefinition, undo),
                        error => new UndoFailed(undo.Node, undo.Attempt, error), taskToken: null);
                    break;
                case CancelAction cancel:
                    if (_inflight.TryGetValue(cancel.Node, out var running)) running.Cancellation.Cancel();
                    CancelExternalTask(cancel.Node);
                    break;
                case StartChild child:
                    StartChild(child);
                    break;
                case CompensateChild child:
                    CompensateChild(child);
                    break;
                case CancelChild child:
                    var childId = child.ChildId;
                    var reason = $"Parent saga '{Id}' was cancelled.";
                    Background(() => GrainFactory.GetGrain<ISagaControlGrain>(childId).DeliverAsync(new CancelSaga(reason)));
                    break;
                case NotifyFinished finished:
                    _ = FinishAsync(finished);
                    break;
            }
        }
    }

    /// <summary>Runs a callback step's handler, which hands out the token; unless it already did in an earlier activation.</summary>
    private void StartCallback(RunAction action)
    {
        if (TokenToDispatch(action) is not { } token) return;
        var definition = _definition!;
        StartStep(action.Node, action.Attempt, isUndo: false, action.AncestorOutputs,
            OffTurn.CallbackRunner(definition, action),
            error => new StepFailed(action.Node, action.Attempt, error), token);
    }

    private void StartStep(string node, int attempt, bool isUndo, IReadOnlyDictionary<string, JsonElement> ancestors,
        Func<IServiceProvider, StepContext, Task<SagaMessage?>> run, Func<SagaError, SagaMessage> failed, string? taskToken)
    {
        if (_inflight.Remove(node, out var previous)) previous.Abandon();
        var inflight = new Inflight(attempt, isUndo);
        _inflight[node] = inflight;
        KeepAliveWhileStepsRun();
        var control = GrainFactory.GetGrain<ISagaControlGrain>(Id);
        var interceptor = _services.GetService<IStepInterceptor>();
        var services = _services;
        var id = Id;
        var logger = _logger;
        _ = Task.Run(() => OffTurn.RunStepAsync(new OffTurn.StepRun(id, node, attempt, isUndo, ancestors, taskToken), inflight, services, interceptor, control, run, failed, logger));
    }

    private void ForgetInflight(SagaMessage message)
    {
        var (node, attempt, isUndo) = message switch
        {
            StepCompleted m => (m.Node, m.Attempt, false),
            StepFailed m => (m.Node, m.Attempt, false),
            UndoCompleted m => (m.Node, m.Attempt, true),
            UndoFailed m => (m.Node, m.Attempt, true),
            _ => ("", 0, false),
        };
        ForgetInflight(node, attempt, isUndo);
    }

    /// <summary>The attempt no longer runs here (it reported, or a callback handler handed out its token).</summary>
    private void ForgetInflight(string node, int attempt, bool isUndo)
    {
        if (_inflight.TryGetValue(node, out var running) && running.Attempt == attempt && running.IsUndo == isUndo)
        {
            _inflight.Remove(node);
            running.Cancellation.Dispose();
        }
        if (_inflight.Count == 0) StopKeepAlive();
    }

    private void CancelInflight()
    {
        foreach (var running in _inflight.Values) running.Abandon();
        _inflight.Clear();
        StopKeepAlive();
    }

    /// <summary>An attempt running off the turn.</summary>
    internal sealed class Inflight(int attempt, bool isUndo)
    {
        private volatile bool _abandoned;

        public int Attempt { get; } = attempt;
        public bool IsUndo { get; } = isUndo;
        public CancellationTokenSource Cancellation { get; } = new();
        public bool IsAbandoned => _abandoned;

        public void Abandon()
        {
            _abandoned = true;
            Cancellation.Cancel();
        }
    }
}
