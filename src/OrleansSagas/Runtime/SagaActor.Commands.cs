using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

internal sealed partial class SagaActor
{
    /// <summary>
    /// Makes a decision durable, then adopts the new state and executes the commands (write-ahead: no command
    /// runs before the events that justify it are stored). Returns false only when a create found the saga existing.
    /// </summary>
    private async Task<bool> CommitAsync(ISagaDefinition definition, object state, SagaDecision decision, IReadOnlyList<string> firedTimers, bool create)
    {
        var arm = decision.Commands.OfType<ArmTimer>().Select(a => new TimerEntry(Id, a.TimerId, a.DueAt, Partition)).ToList();
        var armedIds = arm.Select(a => a.TimerId).ToHashSet(StringComparer.Ordinal);
        var disarm = firedTimers.Concat(decision.Commands.OfType<DisarmTimer>().Select(d => d.TimerId))
            .Where(id => !armedIds.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (decision.Events.Count == 0 && disarm.Count == 0 && arm.Count == 0)
        {
            Execute(decision.Commands);
            return true;
        }

        var now = _runtime.Time.GetUtcNow();
        var version = _record?.Version ?? 0;
        var events = new List<StoredEvent>(decision.Events.Count);
        foreach (var e in decision.Events)
        {
            state = definition.Apply(state, e);
            var (type, json) = definition.Serialize(e);
            events.Add(new StoredEvent(++version, type, e.Timestamp, json));
        }
        var record = SagaDescriptions.ToRecord(definition.View(state), Id, Partition, version, _record?.CreatedAt ?? now, now);
        var epoch = _runtime.Ownership.EpochOf(Partition) ?? throw new SagaNotOwnedException(Id, Partition);
        var commit = new SagaCommit
        {
            Record = record,
            ExpectedVersion = _record?.Version ?? 0,
            Epoch = epoch,
            Events = events,
            TimersToArm = arm,
            TimersToDisarm = disarm,
        };
        if (create)
        {
            var (_, created) = await _runtime.WithStoreRetry(ct => _runtime.Storage.Sagas.CreateAsync(commit, ct), _stop.Token).ConfigureAwait(false);
            if (!created) return false;
        }
        else
        {
            try
            {
                await _runtime.WithStoreRetry(ct => _runtime.Storage.Sagas.CommitAsync(commit, ct), _stop.Token).ConfigureAwait(false);
            }
            catch (StorageConflictException conflict)
            {
                _loaded = false;
                if (conflict.Kind == StorageConflictKind.Epoch) _runtime.Directory.Drop(this);
                throw;
            }
        }

        _definition = definition;
        _state = state;
        _record = record;
        _runtime.Timers.Untrack(Id, disarm);
        _runtime.Timers.Track(arm);
        Execute(decision.Commands);
        return true;
    }

    private void Execute(IEnumerable<SagaCommand> commands)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case RunAction action:
                    StartStep(action.Node, action.Attempt, isUndo: false, action.AncestorOutputs,
                        async (services, context) => new StepCompleted(action.Node, action.Attempt, CheckOutput(await _definition!.RunActionAsync(action, services, context).ConfigureAwait(false))),
                        error => new StepFailed(action.Node, action.Attempt, error));
                    break;
                case RunUndo undo:
                    StartStep(undo.Node, undo.Attempt, isUndo: true, new Dictionary<string, JsonElement>(),
                        async (services, context) =>
                        {
                            await _definition!.RunUndoAsync(undo, services, context).ConfigureAwait(false);
                            return new UndoCompleted(undo.Node, undo.Attempt);
                        },
                        error => new UndoFailed(undo.Node, undo.Attempt, error));
                    break;
                case CancelAction cancel:
                    if (_inflight.TryGetValue(cancel.Node, out var cts)) cts.Cancel();
                    break;
                case StartChild child:
                    _runtime.Background(() => _runtime.StartChildAsync(child, Id));
                    break;
                case CompensateChild child:
                    _runtime.Background(() => _runtime.CompensateChildAsync(child, Id));
                    break;
                case CancelChild child:
                    _runtime.Background(() => _runtime.DeliverAsync(child.ChildId, new CancelSaga($"Parent saga '{Id}' was cancelled.")));
                    break;
                case NotifyFinished finished:
                    OnFinished(finished);
                    break;
            }
        }
    }

    private void OnFinished(NotifyFinished finished)
    {
        List<TaskCompletionSource> waiters;
        lock (_terminalWaiters)
        {
            waiters = [.. _terminalWaiters];
            _terminalWaiters.Clear();
        }
        foreach (var waiter in waiters) waiter.TrySetResult();
        if (View is { ParentId: { } parentId, ParentNode: { } parentNode })
            _runtime.Background(() => _runtime.DeliverAsync(parentId, new ChildCompleted(parentNode, Id, finished.Status, finished.Output, finished.Error)));
    }

    private JsonElement CheckOutput(JsonElement output)
    {
        var size = output.ValueKind == JsonValueKind.Undefined ? 0 : output.GetRawText().Length;
        if (size > _runtime.Options.PayloadLimitBytes)
            throw new StepFailedException("States.DataLimitExceeded", $"The step output is {size} bytes, over the limit of {_runtime.Options.PayloadLimitBytes}.");
        return output;
    }

    private void StartStep(string node, int attempt, bool isUndo, IReadOnlyDictionary<string, JsonElement> ancestors,
        Func<IServiceProvider, StepContext, Task<SagaMessage>> run, Func<SagaError, SagaMessage> failed)
    {
        var key = node;
        if (_inflight.Remove(key, out var previous)) previous.Cancel();
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _inflight[key] = cts;
        Interlocked.Increment(ref _running);
        _ = Task.Run(async () =>
        {
            SagaMessage result;
            try
            {
                await using var scope = _runtime.Services.CreateAsyncScope();
                var context = new StepContext(Id, node, attempt, isUndo, ancestors, cts.Token);
                if (_runtime.BeforeStep is { } hook) await hook(context).ConfigureAwait(false);
                result = await run(scope.ServiceProvider, context).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
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
            finally
            {
                Interlocked.Decrement(ref _running);
            }
            // A closed activation abandons results: the step re-runs from the log on the next activation.
            if (_stop.IsCancellationRequested) return;
            _runtime.Background(() => _runtime.Post(Id, async actor =>
            {
                if (ReferenceEquals(actor, this) && _inflight.TryGetValue(key, out var current) && current == cts)
                {
                    _inflight.Remove(key);
                    cts.Dispose();
                }
                await actor.HandleAsync(result).ConfigureAwait(false);
            }));
        });
    }
}
