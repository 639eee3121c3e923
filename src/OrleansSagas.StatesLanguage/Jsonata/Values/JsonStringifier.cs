using System.Globalization;
using System.Text;

namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>JSON.stringify as $string uses it: non-integers to 15 significant digits, functions as "".</summary>
internal static class JsonStringifier
{
    public static string Stringify(object? value, bool pretty)
    {
        var text = new StringBuilder();
        Write(text, value, pretty ? "  " : null, "");
        return text.ToString();
    }

    /// <summary>A number as $string prints it.</summary>
    public static string Number(double d)
    {
        if (!double.IsFinite(d))
        {
            throw new JsonataException("D1001", value: d);
        }

        return JsNumber.ToString(Math.Floor(d) == d ? d : JsNumber.ToPrecision15(d));
    }

    private static void Write(StringBuilder text, object? value, string? indent, string current)
    {
        switch (value)
        {
            case null or JsonataNull:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case double d:
                text.Append(Number(d));
                break;
            case string s:
                Quote(text, s);
                break;
            case JsonataFunction:
                text.Append("\"\"");
                break;
            case JsonataArray array:
                if (array.Count == 0)
                {
                    text.Append("[]");
                    break;
                }

                text.Append('[');
                var inner = indent is null ? current : current + indent;
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    NewLine(text, indent, inner);
                    Write(text, array[i], indent, inner);
                }

                NewLine(text, indent, current);
                text.Append(']');
                break;
            case JsonataObject obj:
                var entries = obj.Where(e => e.Value is not null).ToList();
                if (entries.Count == 0)
                {
                    text.Append("{}");
                    break;
                }

                text.Append('{');
                var innerObj = indent is null ? current : current + indent;
                for (var i = 0; i < entries.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    NewLine(text, indent, innerObj);
                    Quote(text, entries[i].Key);
                    text.Append(indent is null ? ":" : ": ");
                    Write(text, entries[i].Value, indent, innerObj);
                }

                NewLine(text, indent, current);
                text.Append('}');
                break;
            default:
                Quote(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }

    private static void NewLine(StringBuilder text, string? indent, string current)
    {
        if (indent is not null)
        {
            text.Append('\n').Append(current);
        }
    }

    public static void Quote(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
