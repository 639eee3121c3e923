namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Why a timer was armed.</summary>
internal enum TimerPurpose
{
    Wait,
    Retry,
    TaskTimeout,
    HeartbeatTimeout,
    ExecutionTimeout,
}

/// <summary>An armed timer.</summary>
internal sealed class TimerState
{
    public string FrameId { get; set; } = string.Empty;

    public TimerPurpose Purpose { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public string? TaskId { get; set; }
}

/// <summary>A task the host has been asked to run.</summary>
internal sealed class TaskState
{
    public string FrameId { get; set; } = string.Empty;

    public string StateName { get; set; } = string.Empty;

    public string? TimeoutTimerId { get; set; }

    public string? HeartbeatTimerId { get; set; }

    public int? HeartbeatSeconds { get; set; }
}
