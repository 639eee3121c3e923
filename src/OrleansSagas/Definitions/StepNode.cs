namespace OrleansSagas.Definitions;

/// <summary>A step: runs an action, and an optional undo when the saga unwinds after the action succeeded.</summary>
public sealed record StepNode : SagaNode
{
    /// <summary>The action that does the work.</summary>
    public required StepHandler Action { get; init; }

    /// <summary>The compensation that reverses the action; null when the step needs no undo.</summary>
    public StepHandler? Undo { get; init; }

    /// <summary>How failed undo attempts are retried before the saga is declared stuck.</summary>
    public RetryPolicy UndoRetry { get; init; } = RetryPolicy.None;

    /// <summary>The node whose output is the step's input; null means the saga input.</summary>
    public string? InputFrom { get; init; }
}
