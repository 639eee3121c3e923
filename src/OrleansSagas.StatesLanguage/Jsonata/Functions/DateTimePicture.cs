using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>An analysed XPath date/time picture string, such as "[Y0001]-[M01]-[D01]".</summary>
internal sealed partial class DateTimePicture
{
    private static readonly Dictionary<char, string> DefaultPresentation = new()
    {
        ['Y'] = "1", ['M'] = "1", ['D'] = "1", ['d'] = "1", ['F'] = "n", ['W'] = "1", ['w'] = "1", ['X'] = "1", ['x'] = "1",
        ['H'] = "1", ['h'] = "1", ['P'] = "n", ['m'] = "01", ['s'] = "01", ['f'] = "1", ['Z'] = "01:01", ['z'] = "01:01",
        ['C'] = "n", ['E'] = "n",
    };

    public static readonly Lazy<DateTimePicture> Iso8601 = new(() => Analyse("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"));

    public List<Part> Parts { get; } = [];

    /// <summary>A literal (Literal set) or a component marker.</summary>
    internal sealed class Part
    {
        public string? Literal { get; init; }

        public char Component { get; init; }

        public string Presentation1 { get; set; } = "";

        public char? Presentation2 { get; set; }

        public string? Names { get; set; }

        public int? WidthMin { get; set; }

        public int? WidthMax { get; set; }

        public bool HasWidth { get; set; }

        public IntegerPicture? IntegerFormat { get; set; }

        /// <summary>For years: how many trailing digits to show (-1: all).</summary>
        public int N { get; set; } = -1;
    }

    public static DateTimePicture Analyse(string picture)
    {
        var result = new DateTimePicture();
        var spec = result.Parts;
        void AddLiteral(int from, int to)
        {
            if (to > from)
            {
                spec.Add(new Part { Literal = picture[from..to].Replace("]]", "]", StringComparison.Ordinal) });
            }
        }

        int start = 0, pos = 0;
        while (pos < picture.Length)
        {
            if (picture[pos] == '[')
            {
                if (pos + 1 < picture.Length && picture[pos + 1] == '[')
                {
                    AddLiteral(start, pos);
                    spec.Add(new Part { Literal = "[" });
                    pos += 2;
                    start = pos;
                    continue;
                }

                AddLiteral(start, pos);
                start = pos;
                pos = picture.IndexOf(']', start);
                if (pos == -1)
                {
                    throw new JsonataException("D3135");
                }

                spec.Add(Marker(Whitespace().Replace(picture[(start + 1)..pos], ""), spec));
                start = pos + 1;
            }

            pos++;
        }

        AddLiteral(start, pos);
        return result;
    }

    private static Part Marker(string marker, List<Part> spec)
    {
        var def = new Part { Component = marker.Length > 0 ? marker[0] : '\0' };
        var comma = marker.LastIndexOf(',');
        string presentation;
        if (comma != -1)
        {
            var widthModifier = marker[(comma + 1)..];
            var dash = widthModifier.IndexOf('-', StringComparison.Ordinal);
            var min = dash == -1 ? widthModifier : widthModifier[..dash];
            var max = dash == -1 ? null : widthModifier[(dash + 1)..];
            def.HasWidth = true;
            def.WidthMin = ParseWidth(min);
            def.WidthMax = ParseWidth(max);
            presentation = marker[1..comma];
        }
        else
        {
            presentation = marker.Length > 0 ? marker[1..] : "";
        }

        if (presentation.Length == 1)
        {
            def.Presentation1 = presentation;
        }
        else if (presentation.Length > 1)
        {
            var last = presentation[^1];
            if ("atco".Contains(last, StringComparison.Ordinal))
            {
                def.Presentation2 = last;
                def.Presentation1 = presentation[..^1];
            }
            else
            {
                def.Presentation1 = presentation;
            }
        }
        else if (DefaultPresentation.TryGetValue(def.Component, out var defaultPresentation))
        {
            def.Presentation1 = defaultPresentation;
        }
        else
        {
            throw new JsonataException("D3132", value: def.Component.ToString());
        }

        if (def.Presentation1[0] == 'n')
        {
            def.Names = "lower";
        }
        else if (def.Presentation1[0] == 'N')
        {
            def.Names = def.Presentation1.Length > 1 && def.Presentation1[1] == 'n' ? "title" : "upper";
        }
        else if ("YMDdFWwXxHhmsf".Contains(def.Component, StringComparison.Ordinal))
        {
            var integerPattern = def.Presentation1 + (def.Presentation2 is { } p2 ? ";" + p2 : "");
            def.IntegerFormat = IntegerPicture.Analyse(integerPattern);
            if (def.WidthMin is { } min && def.IntegerFormat.MandatoryDigits < min)
            {
                def.IntegerFormat.MandatoryDigits = min;
            }

            if (def.Component == 'Y')
            {
                def.N = -1;
                if (def.WidthMax is { } max)
                {
                    def.N = max;
                    def.IntegerFormat.MandatoryDigits = max;
                }
                else
                {
                    var w = def.IntegerFormat.MandatoryDigits + def.IntegerFormat.OptionalDigits;
                    if (w >= 2)
                    {
                        def.N = w;
                    }
                }
            }

            if (spec.Count > 0 && spec[^1].IntegerFormat is { } previous)
            {
                previous.ParseWidth = previous.MandatoryDigits;
            }
        }

        if (def.Component is 'Z' or 'z')
        {
            def.IntegerFormat = IntegerPicture.Analyse(def.Presentation1);
        }

        return def;
    }

    private static int? ParseWidth(string? text)
    {
        if (text is null || text == "*")
        {
            return null;
        }

        var digits = new string(text.TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : int.Parse(digits, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
