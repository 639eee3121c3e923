namespace OrleansSagas.Worker;

/// <summary>
/// Thrown by a handler to fail its task with a named error, which the saga's <c>Retry</c> and <c>Catch</c> rules match
/// (e.g. <c>ErrorEquals: ["Card.Declined"]</c>).
/// </summary>
public sealed class ActivityFailedException : Exception
{
    /// <summary>Fails the task with <paramref name="error"/> and <paramref name="cause"/>.</summary>
    public ActivityFailedException(string error, string? cause = null)
        : base(cause is null ? error : $"{error}: {cause}")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        Error = error;
        Cause = cause ?? "";
    }

    /// <summary>Fails the task with <paramref name="error"/>, <paramref name="cause"/> and the exception that led to it (kept locally, not sent).</summary>
    public ActivityFailedException(string error, string cause, Exception innerException)
        : base($"{error}: {cause}", innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        Error = error;
        Cause = cause;
    }

    /// <summary>The error name reported for the task.</summary>
    public string Error { get; }

    /// <summary>The human-readable cause reported for the task.</summary>
    public string Cause { get; }
}
