using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;
using OrleansSagas.Tasks;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.Effects;
using OrleansSagas.StatesLanguage.Execution.History;
using OrleansSagas.StatesLanguage.Execution.Messages;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>
/// Runs an Amazon States Language state machine inside the saga actor: the interpreter decides, its history
/// events become the saga's log, its effects become the runtime's commands (tasks, timers, completion).
/// </summary>
public sealed class AslSagaDefinition : ISagaDefinition
{
    /// <summary>The Resource prefix of tasks run by handlers registered on the node.</summary>
    public const string HandlerPrefix = "handler:";

    private readonly AslInterpreter _interpreter;

    /// <summary>Creates the definition <paramref name="name"/> at <paramref name="version"/> for a parsed state machine.</summary>
    public AslSagaDefinition(string name, int version, StateMachineDefinition machine)
        : this(name, version, machine, StateMachineType.Standard)
    {
    }

    /// <summary>Creates the definition <paramref name="name"/> at <paramref name="version"/> of a standard or express state machine.</summary>
    public AslSagaDefinition(string name, int version, StateMachineDefinition machine, StateMachineType type)
        : this(name, version, machine, type, tokens: null)
    {
    }

    /// <summary>
    /// Creates the definition with the cluster's task token issuer, so ".waitForTaskToken" tasks hand out signed tokens that
    /// workers and callbacks can send back to any silo.
    /// </summary>
    public AslSagaDefinition(string name, int version, StateMachineDefinition machine, StateMachineType type, ITaskTokenIssuer? tokens)
    {
        Name = name;
        Version = version;
        Machine = machine;
        Type = type;
        _interpreter = new AslInterpreter(machine, tokens is null ? null : new AslInterpreterOptions { TaskTokenFactory = tokens.Issue });
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Version { get; }

    /// <inheritdoc />
    public string Kind => Type == StateMachineType.Express ? StateMachineRegistry.ExpressKind : StateMachineRegistry.Kind;

    /// <summary>Standard or express: what execution ids and the context object look like.</summary>
    public StateMachineType Type { get; }

    /// <summary>The parsed state machine.</summary>
    public StateMachineDefinition Machine { get; }

    /// <inheritdoc />
    public object InitialState => AslRunState.Empty;

    /// <inheritdoc />
    public SagaTurn Decide(object state, SagaMessage message, DateTimeOffset now)
    {
        var run = (AslRunState)state;
        AslMessage? asl = message switch
        {
            StartSaga start => new AslStartExecution
            {
                Input = JsonNode.Parse(start.Input.GetRawText()),
                ExecutionId = ExecutionIdOf(start.SagaId),
                ExecutionName = start.SagaId,
                StateMachineId = $"arn:aws:states:local:000000000000:stateMachine:{Name}",
                StateMachineName = Name,
                // Step Functions always gives an execution a role; state machines read it from the context object.
                RoleArn = "arn:aws:iam::000000000000:role/orleans-sagas",
                StartTime = now,
            },
            StepCompleted done => new AslTaskSucceeded(done.Node, JsonNode.Parse(done.Output.ValueKind == JsonValueKind.Undefined ? "null" : done.Output.GetRawText())),
            StepFailed failed => new AslTaskFailed(failed.Node, failed.Error.Error, failed.Error.Cause),
            TimerFired timer => new AslTimerFired(timer.TimerId),
            StepHeartbeat heartbeat => new AslTaskHeartbeat(heartbeat.Node),
            CancelSaga cancel => new AslStopExecution(null, cancel.Reason),
            _ => null,
        };
        if (asl is null || (asl is not AslStartExecution && run.Execution.Status != AslExecutionStatus.Running)) return new SagaTurn([], [], run);
        if (asl is AslStartExecution && run.Execution.Status != AslExecutionStatus.NotStarted) return new SagaTurn([], [], run);
        // The grain owns the state it passes: decide on it in place (no copy), and keep the state the decision
        // folded its events into instead of applying them a second time.
        var decision = _interpreter.DecideInPlace(run.Execution, asl, now);
        var next = run with { Execution = decision.State };
        foreach (var e in decision.Events) next = next.Track(e);
        var events = decision.Events.Select(e => (SagaEvent)new AslSagaEvent(e) { Timestamp = e.Timestamp }).ToList();
        return new SagaTurn(events, [.. decision.Effects.Select(e => ToCommand(e, now))], next);
    }

    /// <inheritdoc />
    public object Apply(object state, SagaEvent @event)
    {
        var run = (AslRunState)state;
        var inner = ((AslSagaEvent)@event).Event;
        return (run with { Execution = _interpreter.Apply(run.Execution, inner) }).Track(inner);
    }

    /// <inheritdoc />
    public SagaState View(object state)
    {
        var run = (AslRunState)state;
        var execution = run.Execution;
        var status = execution.Status switch
        {
            AslExecutionStatus.Succeeded => SagaStatus.Succeeded,
            AslExecutionStatus.Failed => SagaStatus.Failed,
            AslExecutionStatus.TimedOut => SagaStatus.TimedOut,
            AslExecutionStatus.Aborted => SagaStatus.Cancelled,
            _ => SagaStatus.Running,
        };
        return new SagaState
        {
            IsStarted = execution.Status != AslExecutionStatus.NotStarted,
            SagaId = execution.ExecutionName,
            Definition = Name,
            Version = Version,
            Input = ToElement(execution.Input),
            Status = status,
            Output = status == SagaStatus.Succeeded ? ToElement(execution.Output) : null,
            Error = status is SagaStatus.Failed or SagaStatus.TimedOut or SagaStatus.Cancelled
                ? new SagaError(execution.Error ?? "", execution.Cause ?? "")
                : null,
            EventCount = execution.LastEventId,
            CreatedAt = execution.StartTime,
            UpdatedAt = execution.LastEventTime,
            Steps = [.. run.StateOrder.Select(n => run.States[n])],
        };
    }

    /// <inheritdoc />
    public IReadOnlyList<SagaCommand> Resume(object state) =>
        [.. ((AslRunState)state).ScheduledTasks.Values.Select(ToRunAction)];

    /// <inheritdoc />
    public string SerializeState(object state) => AslRunStateCodec.Serialize((AslRunState)state);

    /// <inheritdoc />
    public object DeserializeState(string snapshot) => AslRunStateCodec.Deserialize(snapshot);

    /// <inheritdoc />
    public (string Type, string Json) Serialize(SagaEvent @event)
    {
        var inner = ((AslSagaEvent)@event).Event;
        return (inner.Type, JsonSerializer.Serialize(inner));
    }

    /// <inheritdoc />
    public SagaEvent Deserialize(StoredEvent stored)
    {
        var inner = JsonSerializer.Deserialize<AslHistoryEvent>(stored.Data)
            ?? throw new InvalidDataException($"History event {stored.Sequence} is empty.");
        return new AslSagaEvent(inner) { Timestamp = stored.Timestamp };
    }

    /// <inheritdoc />
    public async Task<JsonElement> RunActionAsync(RunAction action, IServiceProvider services, StepContext context)
    {
        var resource = TaskResources.WithoutWaitSuffix(action.Resource ?? "");
        if (!resource.StartsWith(HandlerPrefix, StringComparison.Ordinal))
            throw new StepFailedException("States.Runtime", $"The resource '{resource}' cannot be invoked on this node: register a task handler and use \"{HandlerPrefix}<name>\".");
        var name = resource[HandlerPrefix.Length..];
        var handler = services.GetKeyedService<IStateMachineTaskHandler>(name)
            ?? throw new StepFailedException("States.Runtime", $"No task handler named '{name}' is registered on this node.");
        return await handler.InvokeAsync(action.Input, context).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RunUndoAsync(RunUndo undo, IServiceProvider services, StepContext context) => Task.CompletedTask;

    /// <summary>Step Functions' execution ARN; an express one ends with a uuid, derived from the saga id so replays agree.</summary>
    private string ExecutionIdOf(string sagaId) => Type == StateMachineType.Express
        ? $"arn:aws:states:local:000000000000:express:{Name}:{sagaId}:{new Guid(System.IO.Hashing.XxHash128.Hash(System.Text.Encoding.UTF8.GetBytes(sagaId)))}"
        : $"arn:aws:states:local:000000000000:execution:{Name}:{sagaId}";

    private static SagaCommand ToCommand(AslEffect effect, DateTimeOffset now) => effect switch
    {
        AslInvokeTask task => TaskResources.Command(task.TaskId, task.Attempt, ToElement(task.Parameters), task.Resource, task.TaskToken,
            task.TimeoutSeconds is { } seconds ? now.AddSeconds(seconds) : null),
        AslStartTimer timer => new ArmTimer(timer.TimerId, timer.DueAt),
        AslCancelTimer timer => new DisarmTimer(timer.TimerId),
        AslCancelTask task => new CancelAction(task.TaskId),
        AslExecutionCompleted done => new NotifyFinished(
            done.Status switch
            {
                AslExecutionStatus.Succeeded => SagaStatus.Succeeded,
                AslExecutionStatus.TimedOut => SagaStatus.TimedOut,
                AslExecutionStatus.Aborted => SagaStatus.Cancelled,
                _ => SagaStatus.Failed,
            },
            done.Status == AslExecutionStatus.Succeeded ? ToElement(done.Output) : null,
            done.Status == AslExecutionStatus.Succeeded ? null : new SagaError(done.Error ?? "", done.Cause ?? "")),
        _ => throw new InvalidOperationException($"Unknown state machine effect {effect.GetType().Name}."),
    };

    private static RunAction ToRunAction(TaskScheduledEvent task) =>
        TaskResources.Command(task.TaskId, task.Attempt, ToElement(task.Parameters), task.Resource, task.TaskToken, task.TimeoutDueAt);

    private static JsonElement ToElement(JsonNode? node) => SagaJson.Parse(node?.ToJsonString() ?? "null");
}
