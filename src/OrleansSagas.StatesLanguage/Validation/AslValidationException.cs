namespace OrleansSagas.StatesLanguage.Validation;

/// <summary>Thrown by <see cref="Parsing.StateMachineParser.Parse(string)"/> when a definition cannot be used.</summary>
public sealed class AslValidationException : Exception
{
    /// <summary>Creates the exception for a failed validation.</summary>
    /// <param name="result">The validation result holding at least one problem.</param>
    public AslValidationException(AslValidationResult result)
        : base("The state machine definition is invalid:" + Environment.NewLine + result)
    {
        Result = result;
    }

    /// <summary>Every problem found.</summary>
    public AslValidationResult Result { get; }
}
