using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Tests.Conformance;

/// <summary>
/// Runs an execution to its end with fake time: task effects are answered by a handler, and when nothing else is
/// pending the clock jumps straight to the next due timer (no real waiting).
/// </summary>
internal sealed class FakeTimeDriver
{
    public const string MachineName = "ConformanceMachine";
    public const string ExecutionName = "conformance-execution";
    public static readonly DateTimeOffset StartTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly AslInterpreter _interpreter;
    private readonly Func<AslInvokeTask, AslMessage> _taskHandler;

    public FakeTimeDriver(StateMachineDefinition definition, Func<AslInvokeTask, AslMessage>? taskHandler = null, AslInterpreterOptions? options = null)
    {
        _interpreter = new AslInterpreter(definition, options);
        _taskHandler = taskHandler ?? FailUnexpectedTask;
    }

    public AslInterpreter Interpreter => _interpreter;

    public List<AslHistoryEvent> History { get; } = [];

    public List<AslEffect> Effects { get; } = [];

    public DateTimeOffset Now { get; private set; } = StartTime;

    public static AslStartExecution StartMessage(JsonNode? input, bool express = false) => new()
    {
        Input = input?.DeepClone(),
        // Express executions have ids of the form …:express:<machine>:<name>:<uuid>.
        ExecutionId = express
            ? $"arn:aws:states:us-east-1:111111111111:express:{MachineName}:{ExecutionName}:5f0c2f9e-7d33-4b8e-a8c1-3b1e0d7e9a10"
            : $"arn:aws:states:us-east-1:111111111111:execution:{MachineName}:{ExecutionName}",
        ExecutionName = ExecutionName,
        StateMachineId = $"arn:aws:states:us-east-1:111111111111:stateMachine:{MachineName}",
        StateMachineName = MachineName,
        RoleArn = "arn:aws:iam::111111111111:role/conformance-role",
        StartTime = StartTime,
    };

    /// <summary>The conformance cases never run real AWS resources: a Task that gets invoked fails loudly.</summary>
    public static AslMessage FailUnexpectedTask(AslInvokeTask task) =>
        new AslTaskFailed(task.TaskId, "Conformance.UnexpectedInvocation", $"The test driver does not invoke '{task.Resource}'.");

    public AslExecutionState Run(AslStartExecution start, int maxSteps = 100_000)
    {
        var decision = _interpreter.Start(start);
        var state = Record(decision);
        var timers = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var inbox = new Queue<AslMessage>();
        Track(decision, timers, inbox);
        for (var step = 0; step < maxSteps && state.Status == AslExecutionStatus.Running; step++)
        {
            if (inbox.Count == 0)
            {
                if (timers.Count == 0)
                {
                    throw new InvalidOperationException("The execution is stuck: nothing pending and not finished.");
                }

                var (timerId, due) = timers.MinBy(t => (t.Value, t.Key));
                timers.Remove(timerId);
                if (due > Now)
                {
                    Now = due;
                }

                inbox.Enqueue(new AslTimerFired(timerId));
            }

            decision = _interpreter.Decide(state, inbox.Dequeue(), Now);
            state = Record(decision);
            Track(decision, timers, inbox);
        }

        return state;
    }

    private AslExecutionState Record(AslDecision decision)
    {
        History.AddRange(decision.Events);
        Effects.AddRange(decision.Effects);
        return decision.State;
    }

    private void Track(AslDecision decision, Dictionary<string, DateTimeOffset> timers, Queue<AslMessage> inbox)
    {
        foreach (var effect in decision.Effects)
        {
            switch (effect)
            {
                case AslStartTimer start:
                    timers[start.TimerId] = start.DueAt;
                    break;
                case AslCancelTimer cancel:
                    timers.Remove(cancel.TimerId);
                    break;
                case AslInvokeTask task:
                    inbox.Enqueue(_taskHandler(task));
                    break;
            }
        }
    }
}
