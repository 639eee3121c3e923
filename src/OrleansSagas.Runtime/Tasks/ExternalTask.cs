namespace OrleansSagas.Tasks;

/// <summary>
/// An attempt whose result comes back through a task token (an activity task or a callback), as its saga grain tracks it:
/// reports for it are accepted while it is pending, and refused with the reason afterwards.
/// </summary>
[GenerateSerializer]
[Alias("OrleansSagas.ExternalTask")]
internal sealed class ExternalTask
{
    [Id(0)] public required string Node { get; init; }

    [Id(1)] public int Attempt { get; init; }

    /// <summary>The activity whose queue holds the task; null for a callback.</summary>
    [Id(2)] public string? Activity { get; init; }

    [Id(3)] public ExternalTaskStatus Status { get; set; }

    /// <summary>True once the task is on its queue (or the callback handler handed the token out), so a reactivation does not repeat it.</summary>
    [Id(4)] public bool Dispatched { get; set; }

    /// <summary>The key the activity queue and limiter know the task by.</summary>
    public string QueueKey(string sagaId) => $"{sagaId}\n{Node}\n{Attempt}";
}

/// <summary>Where an external task stands.</summary>
internal enum ExternalTaskStatus
{
    /// <summary>Waiting for success or failure.</summary>
    Pending,

    /// <summary>Success was reported.</summary>
    Succeeded,

    /// <summary>Failure was reported.</summary>
    Failed,

    /// <summary>The attempt timed out.</summary>
    TimedOut,

    /// <summary>A later attempt replaced it, or the saga was cancelled or ended.</summary>
    Superseded,
}
