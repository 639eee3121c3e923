namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>Splitting, validating and analysing the sub-pictures of a $formatNumber picture.</summary>
internal static partial class NumberFormatter
{
    private sealed class Properties
    {
        public string DecimalSeparator { get; private set; } = ".";

        public string GroupingSeparator { get; private set; } = ",";

        public string ExponentSeparator { get; private set; } = "e";

        public string MinusSign { get; private set; } = "-";

        public string Percent { get; private set; } = "%";

        public string PerMille { get; private set; } = "\u2030";

        public string ZeroDigit { get; private set; } = "0";

        public string Digit { get; private set; } = "#";

        public string PatternSeparator { get; private set; } = ";";

        public List<string> DigitFamily => Enumerable.Range(0, 10).Select(i => ((char)(ZeroDigit[0] + i)).ToString()).ToList();

        public List<string> ActiveChars => [.. DigitFamily, DecimalSeparator, ExponentSeparator, GroupingSeparator, Digit, PatternSeparator];

        public void Set(string key, string value)
        {
            switch (key)
            {
                case "decimal-separator": DecimalSeparator = value; break;
                case "grouping-separator": GroupingSeparator = value; break;
                case "exponent-separator": ExponentSeparator = value; break;
                case "minus-sign": MinusSign = value; break;
                case "percent": Percent = value; break;
                case "per-mille": PerMille = value; break;
                case "zero-digit": ZeroDigit = value; break;
                case "digit": Digit = value; break;
                case "pattern-separator": PatternSeparator = value; break;
            }
        }
    }

    private static NumberPicture SplitParts(string subPicture, Properties p)
    {
        var active = p.ActiveChars;
        bool IsActive(char c) => active.Contains(c.ToString()) && c.ToString() != p.ExponentSeparator;
        var prefix = "";
        for (var i = 0; i < subPicture.Length; i++)
        {
            if (IsActive(subPicture[i]))
            {
                prefix = subPicture[..i];
                break;
            }
        }

        var suffix = "";
        for (var i = subPicture.Length - 1; i >= 0; i--)
        {
            if (IsActive(subPicture[i]))
            {
                suffix = subPicture[(i + 1)..];
                break;
            }
        }

        var activePart = subPicture[prefix.Length..(subPicture.Length - suffix.Length)];
        string mantissa;
        string? exponent;
        var exponentPosition = subPicture.IndexOf(p.ExponentSeparator, prefix.Length, StringComparison.Ordinal);
        if (exponentPosition == -1 || exponentPosition > subPicture.Length - suffix.Length)
        {
            mantissa = activePart;
            exponent = null;
        }
        else
        {
            mantissa = activePart[..Math.Min(exponentPosition, activePart.Length)];
            exponent = exponentPosition + 1 <= activePart.Length ? activePart[(exponentPosition + 1)..] : "";
        }

        var decimalPosition = mantissa.IndexOf(p.DecimalSeparator, StringComparison.Ordinal);
        return new NumberPicture
        {
            Prefix = prefix,
            Suffix = suffix,
            ActivePart = activePart,
            MantissaPart = mantissa,
            ExponentPart = exponent,
            IntegerPart = decimalPosition == -1 ? mantissa : mantissa[..decimalPosition],
            FractionalPart = decimalPosition == -1 ? suffix : mantissa[(decimalPosition + 1)..],
            SubPicture = subPicture,
        };
    }

    private static void Validate(NumberPicture parts, Properties p)
    {
        string? error = null;
        var sub = parts.SubPicture;
        var digits = p.DigitFamily;
        var decimalPos = sub.IndexOf(p.DecimalSeparator, StringComparison.Ordinal);
        if (decimalPos != sub.LastIndexOf(p.DecimalSeparator, StringComparison.Ordinal))
        {
            error = "D3081";
        }

        if (sub.IndexOf(p.Percent, StringComparison.Ordinal) != sub.LastIndexOf(p.Percent, StringComparison.Ordinal))
        {
            error = "D3082";
        }

        if (sub.IndexOf(p.PerMille, StringComparison.Ordinal) != sub.LastIndexOf(p.PerMille, StringComparison.Ordinal))
        {
            error = "D3083";
        }

        if (sub.Contains(p.Percent, StringComparison.Ordinal) && sub.Contains(p.PerMille, StringComparison.Ordinal))
        {
            error = "D3084";
        }

        if (!parts.MantissaPart.Any(c => digits.Contains(c.ToString()) || c.ToString() == p.Digit))
        {
            error = "D3085";
        }

        var active = p.ActiveChars;
        if (parts.ActivePart.Any(c => !active.Contains(c.ToString())))
        {
            error = "D3086";
        }

        if (decimalPos != -1)
        {
            if ((decimalPos > 0 && sub[decimalPos - 1].ToString() == p.GroupingSeparator)
                || (decimalPos + 1 < sub.Length && sub[decimalPos + 1].ToString() == p.GroupingSeparator))
            {
                error = "D3087";
            }
        }
        else if (parts.IntegerPart.Length > 0 && parts.IntegerPart[^1].ToString() == p.GroupingSeparator)
        {
            error = "D3088";
        }

        if (sub.Contains(p.GroupingSeparator + p.GroupingSeparator, StringComparison.Ordinal))
        {
            error = "D3089";
        }

        var optionalPos = parts.IntegerPart.IndexOf(p.Digit, StringComparison.Ordinal);
        if (optionalPos != -1 && parts.IntegerPart[..optionalPos].Any(c => digits.Contains(c.ToString())))
        {
            error = "D3090";
        }

        optionalPos = parts.FractionalPart.LastIndexOf(p.Digit, StringComparison.Ordinal);
        if (optionalPos != -1 && parts.FractionalPart[optionalPos..].Any(c => digits.Contains(c.ToString())))
        {
            error = "D3091";
        }

        var exponentExists = parts.ExponentPart is not null;
        if (exponentExists && parts.ExponentPart!.Length > 0
            && (sub.Contains(p.Percent, StringComparison.Ordinal) || sub.Contains(p.PerMille, StringComparison.Ordinal)))
        {
            error = "D3092";
        }

        if (exponentExists && (parts.ExponentPart!.Length == 0 || parts.ExponentPart.Any(c => !digits.Contains(c.ToString()))))
        {
            error = "D3093";
        }

        if (error is not null)
        {
            throw new JsonataException(error);
        }
    }

    private static NumberPicture Analyse(NumberPicture parts, Properties p)
    {
        var digits = p.DigitFamily;
        bool IsDigitOrOptional(char c) => digits.Contains(c.ToString()) || c.ToString() == p.Digit;
        List<int> GroupingPositions(string part, bool toLeft)
        {
            var positions = new List<int>();
            var groupingPosition = part.IndexOf(p.GroupingSeparator, StringComparison.Ordinal);
            while (groupingPosition != -1)
            {
                var chars = toLeft ? part[..groupingPosition] : part[groupingPosition..];
                positions.Add(chars.Count(IsDigitOrOptional));
                groupingPosition = parts.IntegerPart.IndexOf(p.GroupingSeparator, Math.Min(groupingPosition + 1, parts.IntegerPart.Length), StringComparison.Ordinal);
            }

            return positions;
        }

        parts.IntegerGroupingPositions = GroupingPositions(parts.IntegerPart, false);
        parts.RegularGrouping = Regular(parts.IntegerGroupingPositions);
        parts.FractionalGroupingPositions = GroupingPositions(parts.FractionalPart, true);
        var minimumInteger = parts.IntegerPart.Count(c => digits.Contains(c.ToString()));
        parts.ScalingFactor = minimumInteger;
        var minimumFractional = parts.FractionalPart.Count(c => digits.Contains(c.ToString()));
        var maximumFractional = parts.FractionalPart.Count(IsDigitOrOptional);
        var exponentPresent = parts.ExponentPart is not null;
        if (minimumInteger == 0 && maximumFractional == 0)
        {
            if (exponentPresent)
            {
                minimumFractional = 1;
                maximumFractional = 1;
            }
            else
            {
                minimumInteger = 1;
            }
        }

        if (exponentPresent && minimumInteger == 0 && parts.IntegerPart.Contains(p.Digit, StringComparison.Ordinal))
        {
            minimumInteger = 1;
        }

        if (minimumInteger == 0 && minimumFractional == 0)
        {
            minimumFractional = 1;
        }

        parts.MinimumIntegerSize = minimumInteger;
        parts.MinimumFractionalSize = minimumFractional;
        parts.MaximumFractionalSize = maximumFractional;
        parts.MinimumExponentSize = exponentPresent ? parts.ExponentPart!.Count(c => digits.Contains(c.ToString())) : 0;
        return parts;
    }

    private static int Regular(List<int> indexes)
    {
        if (indexes.Count == 0)
        {
            return 0;
        }

        static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
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
}
