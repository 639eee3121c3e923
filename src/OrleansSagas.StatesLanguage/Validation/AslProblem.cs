namespace OrleansSagas.StatesLanguage.Validation;

/// <summary>One problem found in a state machine definition.</summary>
/// <param name="Path">JSON path of the offending node, e.g. <c>$.States.Charge.Next</c>.</param>
/// <param name="Message">What is wrong, in words a definition author understands.</param>
public sealed record AslProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
