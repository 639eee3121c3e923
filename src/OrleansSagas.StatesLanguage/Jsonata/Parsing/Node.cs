using OrleansSagas.StatesLanguage.Jsonata.Functions;

namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>
/// A token while parsing, then a node of the syntax tree. One shape serves every kind of node, as in the reference
/// implementation, because the post-parse pass moves predicates, stages and bindings between nodes.
/// </summary>
internal sealed class Node
{
    /// <summary>The parser symbol: an operator, or "(name)", "(literal)", "(regex)", "(end)".</summary>
    public string Id { get; set; } = "";

    /// <summary>name, variable, string, number, value, regex, operator, binary, unary, path, function, partial, lambda, condition, block, bind, apply, transform, wildcard, descendant, parent, sort.</summary>
    public string Type { get; set; } = "";

    public object? Value { get; set; }

    public int Position { get; set; }

    public Node? Lhs { get; set; }

    public Node? Rhs { get; set; }

    public Node? Expression { get; set; }

    public List<Node>? Expressions { get; set; }

    public List<Node>? Steps { get; set; }

    public List<Node>? Arguments { get; set; }

    public Node? Procedure { get; set; }

    public Node? Body { get; set; }

    public Signature? Signature { get; set; }

    public Node? Condition { get; set; }

    public Node? Then { get; set; }

    public Node? Else { get; set; }

    public Node? Pattern { get; set; }

    public Node? Update { get; set; }

    public Node? Delete { get; set; }

    /// <summary>Name/value pairs of an object constructor (prefix form) or of a group-by (infix form).</summary>
    public List<(Node Key, Node Value)>? Pairs { get; set; }

    public List<SortTerm>? Terms { get; set; }

    public GroupBy? Group { get; set; }

    public List<Stage>? Predicate { get; set; }

    public List<Stage>? Stages { get; set; }

    public bool KeepArray { get; set; }

    public bool KeepSingletonArray { get; set; }

    public bool ConsArray { get; set; }

    public bool Tuple { get; set; }

    public string? Focus { get; set; }

    public string? Index { get; set; }

    public AncestorSlot? Ancestor { get; set; }

    public AncestorSlot? Slot { get; set; }

    public List<AncestorSlot>? SeekingParent { get; set; }

    public bool Thunk { get; set; }

    /// <summary>Binding power of the token when it is used as an infix operator.</summary>
    public int Lbp { get; set; }

    /// <summary>A deep copy of an unprocessed parse tree (used where an operand is evaluated twice).</summary>
    public Node Clone()
    {
        var copy = (Node)MemberwiseClone();
        copy.Lhs = Lhs?.Clone();
        copy.Rhs = Rhs?.Clone();
        copy.Expression = Expression?.Clone();
        copy.Expressions = Expressions?.Select(e => e.Clone()).ToList();
        copy.Steps = Steps?.Select(e => e.Clone()).ToList();
        copy.Arguments = Arguments?.Select(e => e.Clone()).ToList();
        copy.Procedure = Procedure?.Clone();
        copy.Body = Body?.Clone();
        copy.Condition = Condition?.Clone();
        copy.Then = Then?.Clone();
        copy.Else = Else?.Clone();
        copy.Pattern = Pattern?.Clone();
        copy.Update = Update?.Clone();
        copy.Delete = Delete?.Clone();
        copy.Pairs = Pairs?.Select(p => (p.Key.Clone(), p.Value.Clone())).ToList();
        copy.Terms = Terms?.Select(t => new SortTerm(t.Descending, t.Expression.Clone())).ToList();
        return copy;
    }
}
