namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Where an execution stands.</summary>
public enum AslExecutionStatus
{
    /// <summary>No ExecutionStarted event yet.</summary>
    NotStarted,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Ended with an output.</summary>
    Succeeded,

    /// <summary>Ended with an error and cause.</summary>
    Failed,

    /// <summary>The machine-level TimeoutSeconds elapsed.</summary>
    TimedOut,

    /// <summary>Stopped from outside.</summary>
    Aborted,
}
