namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>One item of a tuple stream: the context value under "@" plus the variables bound along the path.</summary>
internal sealed class TupleBinding : Dictionary<string, object?>
{
    public TupleBinding() : base(StringComparer.Ordinal)
    {
    }

    public TupleBinding(TupleBinding other) : base(other, StringComparer.Ordinal)
    {
    }

    public object? Context
    {
        get => TryGetValue("@", out var value) ? value : null;
        set => this["@"] = value;
    }
}
