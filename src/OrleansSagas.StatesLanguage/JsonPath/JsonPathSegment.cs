namespace OrleansSagas.StatesLanguage.JsonPath;

/// <summary>One selector step of a parsed JSONPath.</summary>
internal abstract record JsonPathSegment
{
    /// <summary>True when the step selects at most one value (a named child or a single index).</summary>
    public virtual bool IsDefinite => false;
}

/// <summary>.name or ['name'].</summary>
internal sealed record ChildSegment(string Name) : JsonPathSegment
{
    public override bool IsDefinite => true;
}

/// <summary>['a','b'] — several names.</summary>
internal sealed record ChildUnionSegment(IReadOnlyList<string> Names) : JsonPathSegment;

/// <summary>[n]; a negative index counts from the end.</summary>
internal sealed record IndexSegment(int Index) : JsonPathSegment
{
    public override bool IsDefinite => true;
}

/// <summary>[n,m,...].</summary>
internal sealed record IndexUnionSegment(IReadOnlyList<int> Indexes) : JsonPathSegment;

/// <summary>[start:end:step].</summary>
internal sealed record SliceSegment(int? Start, int? End, int? Step) : JsonPathSegment;

/// <summary>.* or [*].</summary>
internal sealed record WildcardSegment : JsonPathSegment;

/// <summary>..X — applies the inner selector to every descendant (and the node itself).</summary>
internal sealed record RecursiveSegment(JsonPathSegment Inner) : JsonPathSegment;

/// <summary>[?(expr)].</summary>
internal sealed record FilterSegment(FilterExpression Filter) : JsonPathSegment;

/// <summary>[(@.length-n)] — the only script expression Step Functions definitions use in practice.</summary>
internal sealed record LengthOffsetSegment(int Offset) : JsonPathSegment
{
    public override bool IsDefinite => true;
}
