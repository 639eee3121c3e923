namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>An analysed integer picture (XPath fn:format-integer): decimal digits, letters, roman numerals or words.</summary>
internal sealed class IntegerPicture
{
    private static readonly int[] DecimalGroups =
    [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50,
        0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
        0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ];

    public string Primary { get; set; } = "decimal";

    public string Case { get; set; } = "lower";

    public bool Ordinal { get; set; }

    public int ZeroCode { get; set; } = 0x30;

    public int MandatoryDigits { get; set; }

    public int OptionalDigits { get; set; }

    public bool Regular { get; set; }

    /// <summary>Separators by position (digits to their right), from the right of the picture.</summary>
    public List<(int Position, string Character)> Separators { get; } = [];

    public string? Token { get; set; }

    public int ParseWidth { get; set; }

    public static IntegerPicture Analyse(string picture)
    {
        var format = new IntegerPicture();
        string primary;
        var semicolon = picture.LastIndexOf(';');
        if (semicolon == -1)
        {
            primary = picture;
        }
        else
        {
            primary = picture[..semicolon];
            var modifier = picture[(semicolon + 1)..];
            if (modifier.StartsWith('o'))
            {
                format.Ordinal = true;
            }
        }

        switch (primary)
        {
            case "A":
                format.Case = "upper";
                format.Primary = "letters";
                break;
            case "a":
                format.Primary = "letters";
                break;
            case "I":
                format.Case = "upper";
                format.Primary = "roman";
                break;
            case "i":
                format.Primary = "roman";
                break;
            case "W":
                format.Case = "upper";
                format.Primary = "words";
                break;
            case "Ww":
                format.Case = "title";
                format.Primary = "words";
                break;
            case "w":
                format.Primary = "words";
                break;
            default:
                AnalyseDecimal(format, primary);
                break;
        }

        return format;
    }

    private static void AnalyseDecimal(IntegerPicture format, string primary)
    {
        int? zeroCode = null;
        var mandatory = 0;
        var optional = 0;
        var separatorPosition = 0;
        var separators = new List<(int Position, string Character)>();
        var codePoints = StringFunctions.CodePoints(primary).Select(c => char.ConvertToUtf32(c, 0)).Reverse();
        foreach (var codePoint in codePoints)
        {
            var group = DecimalGroups.Cast<int?>().FirstOrDefault(g => codePoint >= g && codePoint <= g + 9);
            if (group is { } g)
            {
                mandatory++;
                separatorPosition++;
                if (zeroCode is null)
                {
                    zeroCode = g;
                }
                else if (g != zeroCode)
                {
                    throw new JsonataException("D3131");
                }
            }
            else if (codePoint == '#')
            {
                separatorPosition++;
                optional++;
            }
            else
            {
                separators.Add((separatorPosition, char.ConvertFromUtf32(codePoint)));
            }
        }

        if (mandatory == 0)
        {
            format.Primary = "sequence";
            format.Token = primary;
            return;
        }

        format.Primary = "decimal";
        format.ZeroCode = zeroCode!.Value;
        format.MandatoryDigits = mandatory;
        format.OptionalDigits = optional;
        var regular = RegularRepeat(separators);
        if (regular > 0)
        {
            format.Regular = true;
            format.Separators.Add((regular, separators[0].Character));
        }
        else
        {
            format.Separators.AddRange(separators);
        }
    }

    private static int RegularRepeat(List<(int Position, string Character)> separators)
    {
        if (separators.Count == 0 || separators.Any(s => s.Character != separators[0].Character))
        {
            return 0;
        }

        var indexes = separators.Select(s => s.Position).ToList();
        var factor = indexes.Aggregate(Gcd);
        for (var index = 1; index <= indexes.Count; index++)
        {
            if (!indexes.Contains(index * factor))
            {
                return 0;
            }
        }

        return factor;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
