namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>
/// A JSONata array: either an array value (from JSON input or an array constructor) or a result sequence,
/// with the flags the language uses to decide when singletons are unwrapped.
/// </summary>
internal sealed class JsonataArray : List<object?>
{
    public JsonataArray()
    {
    }

    public JsonataArray(IEnumerable<object?> items) : base(items)
    {
    }

    public JsonataArray(int capacity) : base(capacity)
    {
    }

    /// <summary>A result sequence (as opposed to an array value): singletons are unwrapped, empties vanish.</summary>
    public bool IsSequence { get; set; }

    public bool KeepSingleton { get; set; }

    /// <summary>The whole input document was an array and was wrapped so that paths map over it.</summary>
    public bool OuterWrapper { get; set; }

    /// <summary>Items are <see cref="TupleBinding"/>s (paths that bind focus, index or parent variables).</summary>
    public bool TupleStream { get; set; }

    /// <summary>Built by an array constructor, so path steps keep it as one value instead of flattening.</summary>
    public bool Cons { get; set; }

    public static JsonataArray Sequence() => new() { IsSequence = true };

    public static JsonataArray Sequence(object? item)
    {
        var sequence = new JsonataArray { IsSequence = true };
        sequence.Add(item);
        return sequence;
    }
}
