namespace OrleansSagas.Tasks;

/// <summary>Why a task token was refused; nothing changed in the saga.</summary>
public enum TaskTokenRejection
{
    /// <summary>The token is not one this cluster could have issued: wrong encoding, length or format version.</summary>
    Malformed,

    /// <summary>The token is well formed but its signature does not verify with any of the cluster's keys.</summary>
    Forged,

    /// <summary>The token is genuine but names a saga or task that does not exist (any more).</summary>
    Unknown,

    /// <summary>The task's attempt ended because it timed out (TimeoutSeconds or HeartbeatSeconds).</summary>
    TimedOut,

    /// <summary>The saga no longer waits for this attempt: a later attempt replaced it, or the saga was cancelled or finished.</summary>
    Superseded,

    /// <summary>Success or failure was already sent for this task.</summary>
    AlreadyCompleted,
}
