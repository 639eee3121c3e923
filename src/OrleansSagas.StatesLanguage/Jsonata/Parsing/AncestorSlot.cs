namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>Where a parent operator (%) finds its value: the label of the tuple binding that holds it.</summary>
internal sealed class AncestorSlot
{
    public string Label { get; set; } = "";

    public int Level { get; set; }

    public int Index { get; set; }
}
