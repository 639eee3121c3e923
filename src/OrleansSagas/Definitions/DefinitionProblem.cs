namespace OrleansSagas.Definitions;

/// <summary>One problem found while validating a definition.</summary>
/// <param name="Node">The node (or field) the problem is about; the saga name for saga-wide problems.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record DefinitionProblem(string Node, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Node}: {Message}";
}
