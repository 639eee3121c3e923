using System.Text;
using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Events;

namespace OrleansSagas.Engine;

/// <summary>Going forward: scheduling nodes whose dependencies succeeded, retries, and success of the saga.</summary>
internal sealed partial class DecisionContext
{
    private void ProgressForward()
    {
        foreach (var name in _graph.Order)
        {
            if (Node(name).Status == StepStatus.Pending && _graph[name].DependsOn.All(d => Node(d).Status == StepStatus.Succeeded))
                StartNode(name, 1);
        }
        if (_graph.Order.All(n => Node(n).Status == StepStatus.Succeeded))
        {
            Emit(new SagaFinished(SagaStatus.Succeeded, SagaOutput(), null));
            Notify();
        }
    }

    private void StartNode(string name, int attempt)
    {
        switch (_graph[name])
        {
            case StepNode step:
                Emit(new ActionScheduled(name, attempt, step.Timeout is { } t ? _now + t : null)
                {
                    HeartbeatDueAt = step.Heartbeat is { } h ? _now + h : null,
                });
                Run(NodeInputs.RunActionOf(_graph, State, step, attempt));
                break;
            case ConstantNode constant:
                Emit(new NodeSucceeded(name, attempt, NodeInputs.Normalize(constant.Value)));
                break;
            case DelayNode delay:
                var dueAt = DueAt(delay);
                Emit(new DelayStarted(name, attempt, dueAt));
                if (dueAt <= _now) Emit(new NodeSucceeded(name, attempt, NodeInputs.Null));
                break;
            case SignalNode signal:
                Emit(new SignalWaitStarted(name, attempt, signal.WaitTimeout is { } w ? _now + w : null));
                if (State.BufferedSignals.Find(s => s.Name == signal.SignalName) is { } buffered)
                    Emit(new SignalConsumed(name, attempt, signal.SignalName, buffered.Payload, FromBuffer: true));
                break;
            case ChildSagaNode child:
                var childId = attempt == 1 ? $"{State.SagaId}/{name}" : $"{State.SagaId}/{name}#{attempt}";
                Emit(new ChildSagaStarted(name, attempt, childId));
                Run(new StartChild(name, childId, child.Definition, NodeInputs.InputOf(_graph, State, name)));
                break;
        }
    }

    /// <summary>An attempt failed: retry when a retrier matches and has retries left, otherwise fail the node and unwind.</summary>
    private void FailAttempt(string name, int attempt, SagaError error)
    {
        // Once unwinding (or stuck), nothing new is scheduled: a failed attempt is final.
        if (!State.IsUnwinding && State.Status == SagaStatus.Running)
        {
            var policy = _graph[name].Retry;
            if (RetryDelays.FindRetrier(policy, error) is { } index)
            {
                var retrier = policy.Retriers[index];
                var retries = Node(name).RetryCounts.GetValueOrDefault(index) + 1;
                if (retries <= retrier.MaxAttempts)
                {
                    var wait = RetryDelays.Compute(retrier, State.SagaId, name, attempt + 1, retries);
                    Emit(new RetryScheduled(name, attempt, error, index, _now + wait));
                    return;
                }
            }
        }
        Emit(new NodeFailed(name, attempt, error));
        if (!State.IsUnwinding && State.Status == SagaStatus.Running) StartUnwinding(SagaStatus.Compensated, error);
    }

    private DateTimeOffset DueAt(DelayNode delay)
    {
        if (delay.Until is { } until) return until;
        if (delay.DelaySecondsFromInput is { } property)
        {
            var seconds = 0.0;
            if (State.Input.ValueKind == JsonValueKind.Object
                && State.Input.TryGetProperty(property, out var value)
                && value.ValueKind == JsonValueKind.Number
                && value.TryGetDouble(out var read)
                && double.IsFinite(read))
            {
                seconds = Math.Clamp(read, 0, RetryDelays.Ceiling.TotalSeconds);
            }
            return _now + TimeSpan.FromSeconds(seconds);
        }
        return _now + delay.Delay;
    }

    /// <summary>The OutputFrom node's output, or an object with the output of every leaf keyed by node name.</summary>
    private JsonElement SagaOutput()
    {
        if (_graph.OutputFrom is { } from) return Node(from).Output ?? NodeInputs.Null;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var leaf in _graph.Leaves)
            {
                writer.WritePropertyName(leaf);
                (Node(leaf).Output ?? NodeInputs.Null).WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return SagaJson.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
