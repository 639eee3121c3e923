namespace OrleansSagas.Engine;

/// <summary>Where one node of a saga stands.</summary>
public enum StepStatus
{
    /// <summary>Not started (its dependencies have not all succeeded).</summary>
    Pending,

    /// <summary>Scheduled or running (or waiting for a timer, a signal or a child saga).</summary>
    Running,

    /// <summary>Waiting for a durable retry timer after a failed attempt.</summary>
    RetryWaiting,

    /// <summary>Succeeded; its output is known.</summary>
    Succeeded,

    /// <summary>Failed for good (retries exhausted); a failed step is not undone.</summary>
    Failed,

    /// <summary>Its undo is scheduled or running.</summary>
    Undoing,

    /// <summary>Undone (or needed no undo).</summary>
    Undone,

    /// <summary>Its undo failed for good: the saga is stuck.</summary>
    UndoFailed,
}
