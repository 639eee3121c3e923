namespace OrleansSagas.StatesLanguage.Errors;

/// <summary>
/// Raised while evaluating a state to report an ASL error (name + cause). Internal control flow only: the
/// interpreter turns it into Retry/Catch handling or a failed execution.
/// </summary>
internal sealed class StateFailureException(string error, string? cause) : Exception(cause ?? error)
{
    public string Error { get; } = error;

    public string? Cause { get; } = cause;
}
