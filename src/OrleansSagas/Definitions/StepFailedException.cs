namespace OrleansSagas.Definitions;

/// <summary>
/// Thrown by a step handler to fail the attempt with a specific error name, which retriers match on
/// (any other exception fails it with the exception's type name as the error).
/// </summary>
public sealed class StepFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The error name retriers and observers see, e.g. "PaymentDeclined".</param>
    /// <param name="cause">What happened, in words.</param>
    public StepFailedException(string error, string cause) : base(cause) => Error = error;

    /// <summary>The error name.</summary>
    public string Error { get; }
}
