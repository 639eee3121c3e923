using System.Globalization;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>$formatNumber: XPath fn:format-number pictures, with optional decimal-format properties.</summary>
internal static partial class NumberFormatter
{
    public static object? Format(object? valueArg, object? pictureArg, object? options)
    {
        if (valueArg is not double value)
        {
            return null;
        }

        var picture = (string)pictureArg!;
        var p = new Properties();
        if (options is JsonataObject obj)
        {
            foreach (var (key, v) in obj)
            {
                if (v is string s)
                {
                    p.Set(key, s);
                }
            }
        }

        var subPictures = picture.Split(p.PatternSeparator);
        if (subPictures.Length > 2)
        {
            throw new JsonataException("D3080");
        }

        var parts = subPictures.Select(s => SplitParts(s, p)).ToList();
        foreach (var part in parts)
        {
            Validate(part, p);
        }

        var variables = parts.Select(part => Analyse(part, p)).ToList();
        if (variables.Count == 1)
        {
            var negative = variables[0].Copy();
            negative.Prefix = p.MinusSign + negative.Prefix;
            variables.Add(negative);
        }

        var pic = value >= 0 ? variables[0] : variables[1];
        double adjusted;
        if (pic.SubPicture.Contains(p.Percent, StringComparison.Ordinal))
        {
            adjusted = value * 100;
        }
        else if (pic.SubPicture.Contains(p.PerMille, StringComparison.Ordinal))
        {
            adjusted = value * 1000;
        }
        else
        {
            adjusted = value;
        }

        double mantissa;
        int? exponent = null;
        if (pic.MinimumExponentSize == 0)
        {
            mantissa = adjusted;
        }
        else
        {
            var maxMantissa = Math.Pow(10, pic.ScalingFactor);
            var minMantissa = Math.Pow(10, pic.ScalingFactor - 1);
            mantissa = adjusted;
            exponent = 0;
            if (mantissa != 0)
            {
                while (Math.Abs(mantissa) < minMantissa)
                {
                    mantissa *= 10;
                    exponent--;
                }

                while (Math.Abs(mantissa) > maxMantissa)
                {
                    mantissa /= 10;
                    exponent++;
                }
            }
        }

        var rounded = (double)NumericFunctions.Round(mantissa, (double)pic.MaximumFractionalSize)!;
        return Compose(pic, p, rounded, exponent);
    }

    private static string MakeString(double value, int dp, Properties p)
    {
        var text = ToFixed(Math.Abs(value), dp);
        if (p.ZeroDigit != "0")
        {
            var zero = p.ZeroDigit[0];
            text = string.Concat(text.Select(c => c is >= '0' and <= '9' ? ((char)(zero + (c - '0'))).ToString() : c.ToString()));
        }

        return text;
    }

    /// <summary>Number.prototype.toFixed.</summary>
    private static string ToFixed(double value, int dp)
    {
        if (value >= 1e21)
        {
            return JsNumber.ToString(value);
        }

        return value.ToString("F" + dp.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Compose(NumberPicture pic, Properties p, double rounded, int? exponent)
    {
        var zero = p.ZeroDigit;
        var decimalSeparator = p.DecimalSeparator;
        var grouping = p.GroupingSeparator;
        var text = MakeString(rounded, pic.MaximumFractionalSize, p);
        var decimalPos = text.IndexOf('.', StringComparison.Ordinal);
        text = decimalPos == -1 ? text + decimalSeparator : text[..decimalPos] + decimalSeparator + text[(decimalPos + 1)..];
        while (text.StartsWith(zero, StringComparison.Ordinal))
        {
            text = text[zero.Length..];
        }

        while (text.EndsWith(zero, StringComparison.Ordinal))
        {
            text = text[..^zero.Length];
        }

        decimalPos = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        var padLeft = pic.MinimumIntegerSize - decimalPos;
        var padRight = pic.MinimumFractionalSize - (text.Length - decimalPos - 1);
        text = (padLeft > 0 ? Repeat(zero, padLeft) : "") + text + (padRight > 0 ? Repeat(zero, padRight) : "");
        decimalPos = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        if (pic.RegularGrouping > 0)
        {
            var groupCount = (decimalPos - 1) / pic.RegularGrouping;
            for (var group = 1; group <= groupCount; group++)
            {
                var at = decimalPos - (group * pic.RegularGrouping);
                text = text[..at] + grouping + text[at..];
            }
        }
        else
        {
            foreach (var pos in pic.IntegerGroupingPositions)
            {
                var at = decimalPos - pos;
                text = text[..at] + grouping + text[at..];
                decimalPos++;
            }
        }

        decimalPos = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        foreach (var pos in pic.FractionalGroupingPositions)
        {
            var at = pos + decimalPos + 1;
            text = text[..at] + grouping + text[at..];
        }

        decimalPos = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        if (!pic.SubPicture.Contains(decimalSeparator, StringComparison.Ordinal) || decimalPos == text.Length - 1)
        {
            text = text[..^1];
        }

        if (exponent is { } exp)
        {
            var exponentText = MakeString(exp, 0, p);
            var pad = pic.MinimumExponentSize - exponentText.Length;
            if (pad > 0)
            {
                exponentText = Repeat(zero, pad) + exponentText;
            }

            text = text + p.ExponentSeparator + (exp < 0 ? p.MinusSign : "") + exponentText;
        }

        return pic.Prefix + text + pic.Suffix;
    }

    private static string Repeat(string s, int count) => string.Concat(Enumerable.Repeat(s, count));
}
