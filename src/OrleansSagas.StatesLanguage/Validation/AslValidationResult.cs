namespace OrleansSagas.StatesLanguage.Validation;

/// <summary>The outcome of validating a definition: every problem found, in document order.</summary>
public sealed class AslValidationResult
{
    /// <summary>Creates a result holding the given problems.</summary>
    /// <param name="problems">The problems found; empty when the definition is valid.</param>
    public AslValidationResult(IReadOnlyList<AslProblem> problems) => Problems = problems;

    /// <summary>Every problem found; empty when the definition is valid.</summary>
    public IReadOnlyList<AslProblem> Problems { get; }

    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <inheritdoc />
    public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Problems);
}
