namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>The JSON null value (distinct from undefined, which is a C# null).</summary>
internal sealed class JsonataNull
{
    public static readonly JsonataNull Value = new();

    private JsonataNull()
    {
    }

    public override string ToString() => "null";
}
