using OrleansSagas.Client;

namespace OrleansSagas.Tasks;

/// <summary>A task token was refused (malformed, forged, unknown, timed out, superseded or already completed); nothing changed.</summary>
[GenerateSerializer]
public sealed class TaskTokenException : SagaException
{
    /// <summary>Creates the exception.</summary>
    public TaskTokenException(TaskTokenRejection rejection, string message) : base(message) => Rejection = rejection;

    /// <summary>Why the token was refused.</summary>
    [Id(0)]
    public TaskTokenRejection Rejection { get; }

    /// <summary>The Step Functions style error name: InvalidToken, TaskDoesNotExist, TaskTimedOut, TaskSuperseded or TaskAlreadyCompleted.</summary>
    public string ErrorCode => Rejection switch
    {
        TaskTokenRejection.Malformed or TaskTokenRejection.Forged => "InvalidToken",
        TaskTokenRejection.Unknown => "TaskDoesNotExist",
        TaskTokenRejection.TimedOut => "TaskTimedOut",
        TaskTokenRejection.Superseded => "TaskSuperseded",
        _ => "TaskAlreadyCompleted",
    };
}
