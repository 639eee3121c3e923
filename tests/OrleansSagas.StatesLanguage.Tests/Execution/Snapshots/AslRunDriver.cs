using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.StatesLanguage.Tests.Execution.Snapshots;

/// <summary>
/// Plays the saga runtime around a state machine definition: decides, folds the events into the run state and
/// answers the commands at random (task results in any order, timers when nothing else is left, the odd cancel).
/// Keeps the run state after every event and every message with the point of the log it arrived at.
/// </summary>
internal sealed class AslRunDriver
{
    private readonly Random _random;
    private readonly List<RunAction> _tasks = [];
    private readonly Dictionary<string, DateTimeOffset> _timers = new(StringComparer.Ordinal);

    public AslRunDriver(AslSagaDefinition definition, Random random)
    {
        Definition = definition;
        _random = random;
    }

    public AslSagaDefinition Definition { get; }

    public AslRunState State { get; private set; } = AslRunState.Empty;

    public DateTimeOffset Now { get; set; } = Machines.T0;

    public List<AslRunState> States { get; } = [];

    public List<(int Events, SagaMessage Message, DateTimeOffset At)> Received { get; } = [];

    public bool Finished { get; private set; }

    public AslRunDriver Run(string sagaId, string input, int maxTurns = 2000)
    {
        Send(new StartSaga(sagaId, Definition.Name, Definition.Version, JsonDocument.Parse(input).RootElement.Clone()));
        for (var turn = 0; turn < maxTurns && !Finished; turn++) Step();
        return Finished ? this : throw new InvalidOperationException($"The execution did not finish: {State.Execution.Status}");
    }

    /// <summary>Sends one message; the run state moves on by the events decided.</summary>
    public void Send(SagaMessage message)
    {
        Received.Add((States.Count, message, Now));
        // Decide takes ownership of the state it is given (it decides in place): give it a copy, then fold the
        // events one by one to keep every intermediate state, and check the fold ends where the decision did.
        var decision = Definition.Decide(State with { Execution = State.Execution.Clone() }, message, Now);
        foreach (var e in decision.Events)
        {
            State = (AslRunState)Definition.Apply(State, e);
            States.Add(State);
        }
        Assert.Equal(AslRunStateCodec.Serialize((AslRunState)decision.State), AslRunStateCodec.Serialize(State));
        foreach (var command in decision.Commands)
        {
            switch (command)
            {
                case RunAction run: _tasks.Add(run); break;
                case CancelAction cancel: _tasks.RemoveAll(t => t.Node == cancel.Node); break;
                case ArmTimer arm: _timers[arm.TimerId] = arm.DueAt; break;
                case DisarmTimer disarm: _timers.Remove(disarm.TimerId); break;
                case NotifyFinished: Finished = true; break;
            }
        }
    }

    private void Step()
    {
        if (_random.NextDouble() < 0.02)
        {
            Send(new CancelSaga("random stop"));
            return;
        }
        if (_tasks.Count > 0 && (_timers.Count == 0 || _random.NextDouble() < 0.8))
        {
            var pick = _random.Next(_tasks.Count);
            var task = _tasks[pick];
            _tasks.RemoveAt(pick);
            var roll = _random.NextDouble();
            Send(roll < 0.7
                ? new StepCompleted(task.Node, task.Attempt, JsonSerializer.SerializeToElement(new { task.Resource, task.Attempt, note = "résumé <ok>", ratio = 0.1 + task.Attempt }))
                : new StepFailed(task.Node, task.Attempt, new SagaError(roll < 0.9 ? "Transient" : "Fatal", $"{task.Resource} failed")));
            return;
        }
        if (_timers.Count == 0) throw new InvalidOperationException("Nothing pending and not finished.");
        var (timerId, due) = _timers.OrderBy(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).First();
        _timers.Remove(timerId);
        if (due > Now) Now = due;
        Send(new TimerFired(timerId));
    }
}
