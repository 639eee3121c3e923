namespace OrleansSagas.Definitions;

/// <summary>Thrown when a definition is invalid; lists every problem with the node it concerns.</summary>
public sealed class SagaDefinitionException : Exception
{
    /// <summary>Creates the exception for a definition and its problems.</summary>
    public SagaDefinitionException(string definition, IReadOnlyList<DefinitionProblem> problems)
        : base($"Saga definition '{definition}' is invalid:{Environment.NewLine}" +
               string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Definition = definition;
        Problems = problems;
    }

    /// <summary>The name of the invalid definition.</summary>
    public string Definition { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DefinitionProblem> Problems { get; }
}
