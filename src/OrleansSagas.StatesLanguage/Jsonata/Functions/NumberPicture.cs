namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>One analysed sub-picture of $formatNumber (XPath fn:format-number).</summary>
internal sealed class NumberPicture
{
    public string Prefix { get; set; } = "";

    public string Suffix { get; set; } = "";

    public string ActivePart { get; set; } = "";

    public string MantissaPart { get; set; } = "";

    public string? ExponentPart { get; set; }

    public string IntegerPart { get; set; } = "";

    public string FractionalPart { get; set; } = "";

    public string SubPicture { get; set; } = "";

    public List<int> IntegerGroupingPositions { get; set; } = [];

    public int RegularGrouping { get; set; }

    public int MinimumIntegerSize { get; set; }

    public int ScalingFactor { get; set; }

    public List<int> FractionalGroupingPositions { get; set; } = [];

    public int MinimumFractionalSize { get; set; }

    public int MaximumFractionalSize { get; set; }

    public int MinimumExponentSize { get; set; }

    public NumberPicture Copy() => (NumberPicture)MemberwiseClone();
}
