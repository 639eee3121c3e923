namespace OrleansSagas.Engine;

/// <summary>What the firing of a node's timer means.</summary>
internal enum NodeTimerKind
{
    AttemptTimeout,
    HeartbeatTimeout,
    Retry,
    Delay,
    SignalTimeout,
    UndoRetry,
}
