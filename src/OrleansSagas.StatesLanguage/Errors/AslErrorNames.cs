namespace OrleansSagas.StatesLanguage.Errors;

/// <summary>The predefined error names of the Amazon States Language (all start with <c>States.</c>).</summary>
public static class AslErrorNames
{
    /// <summary>Wildcard matching every error except <see cref="Runtime"/> and <see cref="DataLimitExceeded"/>.</summary>
    public const string All = "States.ALL";

    /// <summary>A Task failed; as a matcher it covers every error except <see cref="Timeout"/>.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>A Task ran longer than its TimeoutSeconds, or the execution ran longer than its TimeoutSeconds.</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>A Task did not heartbeat within HeartbeatSeconds.</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>A Task lacked the privileges to run its resource.</summary>
    public const string Permissions = "States.Permissions";

    /// <summary>A data-flow error at runtime (bad path, wrong type); never retried and never caught by States.ALL.</summary>
    public const string Runtime = "States.Runtime";

    /// <summary>A payload exceeded the size limit (256 KiB); terminal, not caught by States.ALL.</summary>
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>A branch of a Parallel state failed.</summary>
    public const string BranchFailed = "States.BranchFailed";

    /// <summary>No Choice rule matched and there is no Default.</summary>
    public const string NoChoiceMatched = "States.NoChoiceMatched";

    /// <summary>An intrinsic function failed.</summary>
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    /// <summary>More Map iterations failed than the tolerated count or percentage.</summary>
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";

    /// <summary>A Map state could not read its items (ItemReader).</summary>
    public const string ItemReaderFailed = "States.ItemReaderFailed";

    /// <summary>A Map state could not write its results (ResultWriter).</summary>
    public const string ResultWriterFailed = "States.ResultWriterFailed";

    /// <summary>A JSONata expression failed to evaluate.</summary>
    public const string QueryEvaluationError = "States.QueryEvaluationError";

    /// <summary>Every predefined name, for validation of ErrorEquals.</summary>
    public static IReadOnlySet<string> Predefined { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        All, TaskFailed, Timeout, HeartbeatTimeout, Permissions, Runtime, DataLimitExceeded, BranchFailed,
        NoChoiceMatched, IntrinsicFailure, ExceedToleratedFailureThreshold, ItemReaderFailed, ResultWriterFailed,
        QueryEvaluationError, "States.ParameterPathFailure", "States.ResultPathMatchFailure", "States.Http.Socket",
    };
}
