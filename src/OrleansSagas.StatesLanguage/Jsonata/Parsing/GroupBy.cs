namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>A group-by object constructor attached to a step.</summary>
internal sealed record GroupBy(List<(Node Key, Node Value)> Pairs, int Position);
