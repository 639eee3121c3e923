using System.Globalization;
using System.Text;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>encodeURI(Component) and decodeURI(Component), as JavaScript defines them.</summary>
internal static class UrlFunctions
{
    private const string Unreserved = "-_.!~*'()";
    private const string Reserved = ";/?:@&=+$,#";

    public static object? Encode(object? str, bool component, string name)
    {
        if (str is not string s)
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || Unreserved.Contains(c, StringComparison.Ordinal) || (!component && Reserved.Contains(c, StringComparison.Ordinal)))
            {
                text.Append(c);
                continue;
            }

            string chunk;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    throw new JsonataException("D3140", value: s, detail: name);
                }

                chunk = s.Substring(i, 2);
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                throw new JsonataException("D3140", value: s, detail: name);
            }
            else
            {
                chunk = c.ToString();
            }

            foreach (var b in Encoding.UTF8.GetBytes(chunk))
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    public static object? Decode(object? str, bool component, string name)
    {
        if (str is not string s)
        {
            return null;
        }

        var text = new StringBuilder();
        var utf8 = new UTF8Encoding(false, true);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%')
            {
                text.Append(s[i]);
                continue;
            }

            var start = i;
            var bytes = new List<byte>();
            var first = ReadByte(s, i, name);
            var count = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : throw Malformed(s, name);
            for (var k = 0; k < count; k++)
            {
                if (i >= s.Length || s[i] != '%')
                {
                    throw Malformed(s, name);
                }

                bytes.Add(ReadByte(s, i, name));
                i += 3;
            }

            i--;
            string decoded;
            try
            {
                decoded = utf8.GetString(bytes.ToArray());
            }
            catch (DecoderFallbackException)
            {
                throw Malformed(s, name);
            }

            if (!component && count == 1 && Reserved.Contains(decoded[0], StringComparison.Ordinal))
            {
                text.Append(s, start, 3);
            }
            else
            {
                text.Append(decoded);
            }
        }

        return text.ToString();
    }

    private static byte ReadByte(string s, int i, string name)
    {
        if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
        {
            throw Malformed(s, name);
        }

        return b;
    }

    private static JsonataException Malformed(string s, string name) => new("D3140", value: s, detail: name);
}
