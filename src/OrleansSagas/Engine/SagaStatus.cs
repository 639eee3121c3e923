namespace OrleansSagas.Engine;

/// <summary>Where a saga instance stands. Every status but <see cref="Running"/> is terminal.</summary>
public enum SagaStatus
{
    /// <summary>Steps are running, waiting, or being undone.</summary>
    Running,

    /// <summary>Every node succeeded; the saga has an output.</summary>
    Succeeded,

    /// <summary>A step failed for good and everything done was undone; the error says what failed.</summary>
    Compensated,

    /// <summary>An undo failed for good; nothing more is dispatched until an operator acts.</summary>
    Stuck,

    /// <summary>Cancelled on request; completed steps were undone.</summary>
    Cancelled,

    /// <summary>The saga timeout elapsed; completed steps were undone.</summary>
    TimedOut,

    /// <summary>A state machine (Amazon States Language) execution failed without compensation.</summary>
    Failed,
}
