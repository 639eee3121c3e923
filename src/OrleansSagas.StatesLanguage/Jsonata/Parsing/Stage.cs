namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>A predicate filter or a position binding (#$i) applied to a step.</summary>
internal sealed record Stage(string Type, Node? Expression, string? VariableName, int Position);
