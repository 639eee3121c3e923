namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>A JSONata object: string keys in insertion order.</summary>
internal sealed class JsonataObject : OrderedDictionary<string, object?>
{
    public JsonataObject() : base(StringComparer.Ordinal)
    {
    }
}
