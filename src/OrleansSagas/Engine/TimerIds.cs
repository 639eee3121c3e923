namespace OrleansSagas.Engine;

/// <summary>Timer ids the engine arms; each includes the attempt so a firing of an older arming is stale.</summary>
internal static class TimerIds
{
    public const string SagaTimeout = "saga-timeout";

    public static string AttemptTimeout(string node, int attempt) => $"attempt-timeout:{node}:{attempt}";

    /// <summary>Unique per heartbeat (<paramref name="sequence"/> is the event count), so a later heartbeat re-arms under a new id.</summary>
    public static string Heartbeat(string node, int attempt, long sequence) => $"heartbeat:{node}:{attempt}:{sequence}";

    public static string Retry(string node, int nextAttempt) => $"retry:{node}:{nextAttempt}";

    public static string Delay(string node, int attempt) => $"delay:{node}:{attempt}";

    public static string SignalTimeout(string node, int attempt) => $"signal-timeout:{node}:{attempt}";

    public static string UndoRetry(string node, int nextAttempt) => $"undo-retry:{node}:{nextAttempt}";
}
