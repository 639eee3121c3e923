using System.Text;
using System.Text.RegularExpressions;
using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>String functions. Lengths and offsets count Unicode code points, as the reference does.</summary>
internal static partial class StringFunctions
{
    /// <summary>$string without a prettify flag, as the &amp; operator uses it.</summary>
    public static string ToJsonataString(object? value) => (string)String(value, false)!;

    public static object? String(object? arg, bool prettify)
    {
        switch (arg)
        {
            case null:
                return null;
            case string s:
                return s;
            case JsonataFunction:
                return "";
            case double d when !double.IsFinite(d):
                throw new JsonataException("D3001", value: d);
            case JsonataArray { OuterWrapper: true } wrapper:
                return JsonStringifier.Stringify(wrapper.Count > 0 ? wrapper[0] : null, prettify);
            default:
                return JsonStringifier.Stringify(arg, prettify);
        }
    }

    public static string[] CodePoints(string s)
    {
        var result = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                result.Add(s[i].ToString());
            }
        }

        return [.. result];
    }

    public static object? Length(object? str) => str is string s ? (double)CodePoints(s).Length : null;

    public static object? Substring(object? str, object? startArg, object? lengthArg)
    {
        if (str is not string s)
        {
            return null;
        }

        var chars = CodePoints(s);
        var start = (double)startArg!;
        if (chars.Length + start < 0)
        {
            start = 0;
        }

        if (lengthArg is double length)
        {
            if (length <= 0)
            {
                return "";
            }

            var end = start >= 0 ? start + length : chars.Length + start + length;
            return Slice(chars, start, end);
        }

        return Slice(chars, start, chars.Length);
    }

    private static string Slice(string[] chars, double start, double end)
    {
        static int Clamp(double index, int length)
        {
            index = double.IsNaN(index) ? 0 : Math.Truncate(index);
            if (index < 0)
            {
                index = Math.Max(0, length + index);
            }

            return (int)Math.Min(index, length);
        }

        var from = Clamp(start, chars.Length);
        var to = Clamp(end, chars.Length);
        return from >= to ? "" : string.Concat(chars[from..to]);
    }

    public static object? SubstringBefore(object? str, object? chars)
    {
        if (str is not string s)
        {
            return null;
        }

        var pos = s.IndexOf((string)chars!, StringComparison.Ordinal);
        return pos > -1 ? s[..pos] : s;
    }

    public static object? SubstringAfter(object? str, object? chars)
    {
        if (str is not string s)
        {
            return null;
        }

        var c = (string)chars!;
        var pos = s.IndexOf(c, StringComparison.Ordinal);
        return pos > -1 ? s[(pos + c.Length)..] : s;
    }

    public static object? Trim(object? str)
    {
        if (str is not string s)
        {
            return null;
        }

        var result = WhitespaceRun().Replace(s, " ");
        if (result.StartsWith(' '))
        {
            result = result[1..];
        }

        if (result.EndsWith(' '))
        {
            result = result[..^1];
        }

        return result;
    }

    public static object? Pad(object? str, object? widthArg, object? charArg)
    {
        if (str is not string s)
        {
            return null;
        }

        var padChar = charArg is string { Length: > 0 } c ? c : " ";
        var width = Math.Truncate((double)widthArg!);
        var padLength = (int)(Math.Abs(width) - CodePoints(s).Length);
        if (padLength <= 0)
        {
            return s;
        }

        var padding = new StringBuilder();
        for (var i = 0; i < padLength; i++)
        {
            padding.Append(padChar);
        }

        var pad = padChar.Length > 1 ? (string)Substring(padding.ToString(), 0d, (double)padLength)! : padding.ToString();
        return width > 0 ? s + pad : pad + s;
    }

    public static object? Join(object? strs, object? separator)
    {
        if (strs is not JsonataArray array)
        {
            return null;
        }

        return string.Join(separator as string ?? "", array.Select(v => (string)v!));
    }

    public static object? Base64Encode(object? str)
    {
        if (str is not string s)
        {
            return null;
        }

        var bytes = s.Select(c => (byte)(c & 0xFF)).ToArray();
        return Convert.ToBase64String(bytes);
    }

    public static object? Base64Decode(object? str)
    {
        if (str is not string s)
        {
            return null;
        }

        var clean = new string(s.Where(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/').ToArray());
        clean = clean.PadRight((clean.Length + 3) / 4 * 4, '=');
        if (clean.Length % 4 == 0 && clean.EndsWith("===", StringComparison.Ordinal))
        {
            clean = clean[..^4];
        }

        var bytes = Convert.FromBase64String(clean);
        return new string(bytes.Select(b => (char)b).ToArray());
    }

    [GeneratedRegex("[ \t\n\r]+")]
    private static partial Regex WhitespaceRun();
}
