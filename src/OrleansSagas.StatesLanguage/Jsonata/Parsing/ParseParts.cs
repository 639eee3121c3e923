namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>One term of an order-by clause.</summary>
internal sealed record SortTerm(bool Descending, Node Expression);

/// <summary>A group-by object constructor attached to a step.</summary>
internal sealed record GroupBy(List<(Node Key, Node Value)> Pairs, int Position);

/// <summary>A predicate filter or a position binding (#$i) applied to a step.</summary>
internal sealed record Stage(string Type, Node? Expression, string? VariableName, int Position);

/// <summary>Where a parent operator (%) finds its value: the label of the tuple binding that holds it.</summary>
internal sealed class AncestorSlot
{
    public string Label { get; set; } = "";

    public int Level { get; set; }

    public int Index { get; set; }
}
