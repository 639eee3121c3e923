using System.Text;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>$formatInteger and $parseInteger: XPath fn:format-integer pictures.</summary>
internal static class IntegerFormatter
{
    private static readonly (int Value, string Numeral)[] RomanNumerals =
    [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
        (5, "v"), (4, "iv"), (1, "i"),
    ];

    public static object? Format(object? value, object? picture)
    {
        if (value is not double d)
        {
            return null;
        }

        return FormatWith(Math.Floor(d), IntegerPicture.Analyse((string)picture!));
    }

    public static string FormatWith(double value, IntegerPicture format)
    {
        var negative = value < 0;
        value = Math.Abs(value);
        string result;
        switch (format.Primary)
        {
            case "letters":
                result = ToLetters((long)value, format.Case == "upper" ? 'A' : 'a');
                break;
            case "roman":
                result = ToRoman((long)value);
                if (format.Case == "upper")
                {
                    result = result.ToUpperInvariant();
                }

                break;
            case "words":
                result = NumberWords.ToWords(value, format.Ordinal);
                if (format.Case == "upper")
                {
                    result = result.ToUpperInvariant();
                }
                else if (format.Case == "lower")
                {
                    result = result.ToLowerInvariant();
                }

                break;
            case "decimal":
                result = FormatDecimal(value, format);
                break;
            default:
                throw new JsonataException("D3130", value: format.Token);
        }

        return negative ? "-" + result : result;
    }

    private static string FormatDecimal(double value, IntegerPicture format)
    {
        var text = JsNumber.ToString(value);
        if (format.MandatoryDigits > text.Length)
        {
            text = new string('0', format.MandatoryDigits - text.Length) + text;
        }

        if (format.ZeroCode != 0x30)
        {
            var shifted = new StringBuilder();
            foreach (var c in text)
            {
                shifted.Append(char.ConvertFromUtf32(c + format.ZeroCode - 0x30));
            }

            text = shifted.ToString();
        }

        if (format.Regular)
        {
            var (position, character) = format.Separators[0];
            var n = (text.Length - 1) / position;
            for (var i = n; i > 0; i--)
            {
                var pos = text.Length - (i * position);
                text = text[..pos] + character + text[pos..];
            }
        }
        else
        {
            for (var i = format.Separators.Count - 1; i >= 0; i--)
            {
                var (position, character) = format.Separators[i];
                var pos = text.Length - position;
                if (pos >= 0)
                {
                    text = text[..pos] + character + text[pos..];
                }
            }
        }

        if (format.Ordinal)
        {
            var last = text[^1];
            var suffix = last switch { '1' => "st", '2' => "nd", '3' => "rd", _ => "th" };
            if (text.Length > 1 && text[^2] == '1')
            {
                suffix = "th";
            }

            text += suffix;
        }

        return text;
    }

    private static string ToRoman(long value)
    {
        var result = new StringBuilder();
        foreach (var (number, numeral) in RomanNumerals)
        {
            while (value >= number)
            {
                result.Append(numeral);
                value -= number;
            }
        }

        return result.ToString();
    }

    private static long FromRoman(string roman)
    {
        long result = 0;
        var max = 1;
        for (var i = roman.Length - 1; i >= 0; i--)
        {
            var value = char.ToUpperInvariant(roman[i]) switch
            {
                'M' => 1000, 'D' => 500, 'C' => 100, 'L' => 50, 'X' => 10, 'V' => 5, 'I' => 1, _ => 0,
            };
            if (value < max)
            {
                result -= value;
            }
            else
            {
                max = value;
                result += value;
            }
        }

        return result;
    }

    private static string ToLetters(long value, char a)
    {
        var letters = new StringBuilder();
        while (value > 0)
        {
            letters.Insert(0, (char)(((value - 1) % 26) + a));
            value = (value - 1) / 26;
        }

        return letters.ToString();
    }

    private static double FromLetters(string letters, char a)
    {
        double result = 0;
        for (var i = 0; i < letters.Length; i++)
        {
            result += (letters[letters.Length - i - 1] - a + 1) * Math.Pow(26, i);
        }

        return result;
    }

    public static object? Parse(object? value, object? picture)
    {
        if (value is not string s)
        {
            return null;
        }

        return ParseWith(s, IntegerPicture.Analyse((string)picture!));
    }

    /// <summary>The regex that matches a formatted integer (used when parsing date/time strings).</summary>
    public static string MatchPattern(IntegerPicture format) => format.Primary switch
    {
        "letters" => format.Case == "upper" ? "[A-Z]+" : "[a-z]+",
        "roman" => format.Case == "upper" ? "[MDCLXVI]+" : "[mdclxvi]+",
        "words" => NumberWords.Pattern,
        "decimal" => "[0-9]" + (format.ParseWidth > 0 ? "{" + format.ParseWidth + "}" : "+") + (format.Ordinal ? "(?:th|st|nd|rd)" : ""),
        _ => throw new JsonataException("D3130", value: format.Token),
    };

    public static double ParseWith(string value, IntegerPicture format)
    {
        switch (format.Primary)
        {
            case "letters":
                return FromLetters(value, format.Case == "upper" ? 'A' : 'a');
            case "roman":
                return FromRoman(value);
            case "words":
                return NumberWords.FromWords(value.ToLowerInvariant());
            case "decimal":
                var digits = value;
                if (format.Ordinal && digits.Length >= 2)
                {
                    digits = digits[..^2];
                }

                foreach (var (_, character) in format.Separators)
                {
                    digits = digits.Replace(character, "", StringComparison.Ordinal);
                }

                if (format.Regular)
                {
                    digits = digits.Replace(",", "", StringComparison.Ordinal);
                }

                if (format.ZeroCode != 0x30)
                {
                    digits = string.Concat(StringFunctions.CodePoints(digits).Select(c => (char)(char.ConvertToUtf32(c, 0) - format.ZeroCode + 0x30)));
                }

                var end = 0;
                while (end < digits.Length && char.IsAsciiDigit(digits[end]))
                {
                    end++;
                }

                return end == 0 ? double.NaN : double.Parse(digits[..end], System.Globalization.CultureInfo.InvariantCulture);
            default:
                throw new JsonataException("D3130", value: format.Token);
        }
    }
}
