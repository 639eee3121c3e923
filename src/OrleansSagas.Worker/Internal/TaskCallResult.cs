namespace OrleansSagas.Worker.Internal;

/// <summary>How the server answered a call about one task (success, failure, heartbeat).</summary>
internal enum TaskCallStatus
{
    /// <summary>Accepted (200).</summary>
    Accepted,

    /// <summary>The task is not this worker's any more: 404, 409, 410, or 400 InvalidToken. Nothing more is sent for it.</summary>
    NotOwned,

    /// <summary>Refused for another reason (another 4xx): retrying the same call cannot help.</summary>
    Rejected,

    /// <summary>The server could not be reached or answered 5xx (only for calls made without retries).</summary>
    Unreachable,
}

/// <summary>The outcome of a call about one task, with the problem's <c>error</c> member and detail when refused.</summary>
internal readonly record struct TaskCallResult(TaskCallStatus Status, int HttpStatus = 0, string? Error = null, string? Detail = null)
{
    public static readonly TaskCallResult Accepted = new(TaskCallStatus.Accepted, 200);

    public override string ToString() => Status switch
    {
        TaskCallStatus.Accepted => "accepted",
        TaskCallStatus.Unreachable => $"unreachable: {Detail}",
        _ => $"{HttpStatus} {Error}: {Detail}",
    };
}
