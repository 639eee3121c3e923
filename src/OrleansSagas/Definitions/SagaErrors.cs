namespace OrleansSagas.Definitions;

/// <summary>Predefined error names, shared with Amazon States Language where they overlap.</summary>
public static class SagaErrors
{
    /// <summary>Matches any error in a retrier.</summary>
    public const string All = "States.ALL";

    /// <summary>An attempt, a wait for a signal, or the whole saga ran out of time.</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>An attempt sent no heartbeat within its heartbeat interval.</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>A step handler threw an exception not otherwise named.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>The saga was cancelled while the step ran.</summary>
    public const string Cancelled = "Sagas.Cancelled";

    /// <summary>A child saga did not succeed.</summary>
    public const string ChildFailed = "Sagas.ChildFailed";
}
