using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Execution.History;

/// <summary>ExecutionStarted: the input and the identity of the execution (the context object's Execution part).</summary>
public sealed record ExecutionStartedEvent : AslHistoryEvent
{
    /// <summary>The execution input.</summary>
    public JsonNode? Input { get; init; }

    /// <summary>$$.Execution.Id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>$$.Execution.Name.</summary>
    public required string ExecutionName { get; init; }

    /// <summary>$$.StateMachine.Id.</summary>
    public required string StateMachineId { get; init; }

    /// <summary>$$.StateMachine.Name.</summary>
    public required string StateMachineName { get; init; }

    /// <summary>$$.Execution.RoleArn.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The timer armed for the machine-level TimeoutSeconds, if any.</summary>
    public string? TimeoutTimerId { get; init; }

    /// <summary>When the machine-level timeout is due.</summary>
    public DateTimeOffset? TimeoutDueAt { get; init; }
}
