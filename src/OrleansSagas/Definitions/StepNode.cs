namespace OrleansSagas.Definitions;

/// <summary>
/// A step: runs an action, and an optional undo when the saga unwinds after the action succeeded. The action runs in
/// the silo through its handler, or on external workers of an activity (<see cref="Activity"/>).
/// </summary>
public sealed record StepNode : SagaNode
{
    /// <summary>The handler that does the work in the silo; null for an activity step.</summary>
    public StepHandler? Action { get; init; }

    /// <summary>The activity whose workers do the work (see <see cref="SagaBuilder.Activity"/>); null for a handler step.</summary>
    public string? Activity { get; init; }

    /// <summary>
    /// True when the handler only hands out the attempt's task token (<see cref="StepContext.TaskToken"/>) and the step
    /// then waits until success or failure is sent with that token.
    /// </summary>
    public bool WaitsForTaskToken { get; init; }

    /// <summary>The compensation that reverses the action; null when the step needs no undo.</summary>
    public StepHandler? Undo { get; init; }

    /// <summary>How long an attempt may go without a heartbeat before it fails with States.HeartbeatTimeout; null means no heartbeat is required.</summary>
    public TimeSpan? Heartbeat { get; init; }

    /// <summary>How failed undo attempts are retried before the saga is declared stuck.</summary>
    public RetryPolicy UndoRetry { get; init; } = RetryPolicy.None;

    /// <summary>The node whose output is the step's input; null means the saga input.</summary>
    public string? InputFrom { get; init; }
}
