using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.Messages;

/// <summary>Starts an execution. Ids and names end up in the context object ($$.Execution, $$.StateMachine).</summary>
public sealed record AslStartExecution : AslMessage
{
    /// <summary>The execution input ($ of the first state).</summary>
    public JsonNode? Input { get; init; }

    /// <summary>The execution id ($$.Execution.Id); also seeds States.UUID, States.MathRandom and retry jitter.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The execution name ($$.Execution.Name); defaults to <see cref="ExecutionId"/>.</summary>
    public string? ExecutionName { get; init; }

    /// <summary>The state machine id ($$.StateMachine.Id).</summary>
    public string StateMachineId { get; init; } = "state-machine";

    /// <summary>The state machine name ($$.StateMachine.Name); defaults to <see cref="StateMachineId"/>.</summary>
    public string? StateMachineName { get; init; }

    /// <summary>The role the execution runs as ($$.Execution.RoleArn).</summary>
    public string? RoleArn { get; init; }

    /// <summary>When the execution started ($$.Execution.StartTime).</summary>
    public required DateTimeOffset StartTime { get; init; }
}
