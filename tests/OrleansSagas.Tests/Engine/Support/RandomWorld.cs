using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;
using OrleansSagas.Engine.Messages;

namespace OrleansSagas.Tests.Engine.Support;

/// <summary>
/// Plays everything outside the engine at random: step and undo results in any order, child sagas, timers,
/// signals, cancellation, duplicate deliveries, operator actions on stuck sagas and crashes (losing all
/// in-flight work, then resuming from the replayed log). Runs a saga until it is finished for good.
/// </summary>
internal sealed class RandomWorld
{
    private readonly Random _random;
    private readonly SagaDriver _saga;
    private readonly List<SagaCommand> _work = [];
    private readonly List<SagaMessage> _sent = [];
    private readonly HashSet<string> _cancelledChildren = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cancelledActions = new(StringComparer.Ordinal);

    public RandomWorld(Random random, SagaDriver saga)
    {
        _random = random;
        _saga = saga;
    }

    public int Crashes { get; private set; }

    public void Run()
    {
        Take(_saga.Start(new { order = _random.Next(100), waitSeconds = _random.Next(0, 3) }));
        for (var turn = 0; turn < 5000; turn++)
        {
            if (IsDone()) return;
            Step();
        }
        throw new InvalidOperationException($"The saga did not finish: {_saga.State.Status}, work {_work.Count}, timers {_saga.Timers.Count}");
    }

    private bool IsDone() => _saga.State.Status.IsTerminal() && _saga.State.Status != SagaStatus.Stuck
        && _work.Count == 0 && _saga.Timers.Count == 0;

    private void Step()
    {
        var roll = _random.NextDouble();
        if (roll < 0.03 && _sent.Count > 0)
        {
            // A duplicate delivery never changes anything.
            var before = StateJson.Canonical(_saga.State);
            var duplicate = _saga.Send(_sent[_random.Next(_sent.Count)]);
            if (duplicate.Events.Count > 0 && duplicate.Events.All(e => e is SignalBuffered)) return;
            Assert.Same(SagaDecision.None, duplicate);
            Assert.Equal(before, StateJson.Canonical(_saga.State));
            return;
        }
        if (roll < 0.04)
        {
            Send(new CancelSaga("random cancel"));
            return;
        }
        if (roll < 0.12)
        {
            Send(new SignalReceived(RandomSagas.SignalNames[_random.Next(RandomSagas.SignalNames.Length)], SagaDriver.Json(new { at = _saga.Now })));
            return;
        }
        if (roll < 0.16)
        {
            Crash();
            return;
        }
        if (_saga.State.Status == SagaStatus.Stuck && roll < 0.45)
        {
            var stuck = _saga.State.StuckNode!;
            Send(_random.NextDouble() < 0.6 ? new RetryStuckUndo(stuck) : new SkipStuckUndo(stuck));
            return;
        }
        var waitingForSignal = _saga.Graph.Order.Any(n => _saga.Graph[n] is SignalNode && _saga.State.Node(n).InFlightAttempt is not null);
        var choices = _work.Count + _saga.Timers.Count + (waitingForSignal ? 1 : 0);
        if (choices == 0)
        {
            if (_saga.State.Status == SagaStatus.Stuck) Send(new SkipStuckUndo(_saga.State.StuckNode!));
            return;
        }
        var pick = _random.Next(choices);
        if (pick < _work.Count)
        {
            var command = _work[pick];
            _work.RemoveAt(pick);
            Deliver(command);
        }
        else if (pick < _work.Count + _saga.Timers.Count)
        {
            Send(new TimerFired(_saga.Timers.Keys.Order(StringComparer.Ordinal).ElementAt(pick - _work.Count)));
        }
        else
        {
            var waiting = _saga.Graph.Order.First(n => _saga.Graph[n] is SignalNode && _saga.State.Node(n).InFlightAttempt is not null);
            Send(new SignalReceived(((SignalNode)_saga.Graph[waiting]).SignalName, SagaDriver.Json("approved")));
        }
    }

    private void Deliver(SagaCommand command)
    {
        switch (command)
        {
            case RunAction run when _random.NextDouble() < 0.25:
                // Still running: it says so, and reports later. A heartbeat is not a duplicate: each one moves the deadline.
                Take(_saga.Send(new StepHeartbeat(run.Node, run.Attempt)));
                _work.Add(run);
                break;
            case RunAction run:
                var cancelled = _cancelledActions.Contains(run.Node) && _random.NextDouble() < 0.7;
                var ok = !cancelled && _random.NextDouble() < 0.8;
                Send(ok
                    ? new StepCompleted(run.Node, run.Attempt, SagaDriver.Json(new { run.Node, run.Attempt }))
                    : new StepFailed(run.Node, run.Attempt, new SagaError(cancelled ? SagaErrors.Cancelled : _random.NextDouble() < 0.6 ? "Transient" : "Fatal", "random failure")));
                break;
            case RunUndo undo:
                Send(_random.NextDouble() < 0.8
                    ? new UndoCompleted(undo.Node, undo.Attempt)
                    : new UndoFailed(undo.Node, undo.Attempt, new SagaError("UndoBoom", "random undo failure")));
                break;
            case StartChild start:
                var status = _cancelledChildren.Contains(start.ChildId) && _random.NextDouble() < 0.8
                    ? SagaStatus.Cancelled
                    : _random.NextDouble() < 0.75 ? SagaStatus.Succeeded : SagaStatus.Compensated;
                Send(new ChildCompleted(start.Node, start.ChildId, status, status == SagaStatus.Succeeded ? SagaDriver.Json(new { child = start.ChildId }) : null,
                    status == SagaStatus.Succeeded ? null : new SagaError("ChildError", "random child failure")));
                break;
            case CompensateChild compensate:
                var outcome = _random.NextDouble() < 0.85 ? SagaStatus.Compensated : SagaStatus.Stuck;
                Send(new ChildCompleted(compensate.Node, compensate.ChildId, outcome, null, null));
                break;
        }
    }

    private void Crash()
    {
        Crashes++;
        // Everything in flight is lost with the node; only the log (and durable timers) survive.
        _work.Clear();
        var rebuilt = SagaDecider.Replay(_saga.Graph, _saga.Log);
        Assert.Equal(StateJson.Canonical(_saga.State), StateJson.Canonical(rebuilt));
        Queue(SagaDecider.Resume(_saga.Graph, rebuilt));
    }

    private void Send(SagaMessage message)
    {
        _sent.Add(message);
        Take(_saga.Send(message));
    }

    private void Take(SagaDecision decision)
    {
        // Write-ahead: an action only runs in the decision that records it as scheduled.
        foreach (var run in decision.Commands.OfType<RunAction>())
            Assert.Contains(decision.Events, e => e is ActionScheduled s && s.Node == run.Node && s.Attempt == run.Attempt);
        foreach (var undo in decision.Commands.OfType<RunUndo>())
            Assert.Contains(decision.Events, e => e is UndoScheduled s && s.Node == undo.Node && s.Attempt == undo.Attempt);
        Queue(decision.Commands);
    }

    private void Queue(IEnumerable<SagaCommand> commands)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case RunAction or RunUndo or StartChild or CompensateChild:
                    _work.Add(command);
                    break;
                case CancelChild cancel:
                    _cancelledChildren.Add(cancel.ChildId);
                    break;
                case CancelAction cancel:
                    _cancelledActions.Add(cancel.Node);
                    break;
            }
        }
    }
}
