using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Json;

/// <summary>Helpers over <see cref="JsonNode"/> that follow Step Functions' view of JSON values.</summary>
internal static class JsonNodes
{
    // Step Functions prints JSON compactly and keeps non-ASCII characters as they are.
    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static string ToJson(JsonNode? node) => node is null ? "null" : node.ToJsonString(CompactOptions);

    public static JsonNode? Parse(string json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 512 });

    public static int Utf8Size(JsonNode? node) => System.Text.Encoding.UTF8.GetByteCount(ToJson(node));

    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool IsNumber(JsonNode? node) => Kind(node) == JsonValueKind.Number;

    public static bool IsString(JsonNode? node) => Kind(node) == JsonValueKind.String;

    public static bool IsBoolean(JsonNode? node) => Kind(node) is JsonValueKind.True or JsonValueKind.False;

    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = string.Empty;
        return false;
    }

    public static bool TryGetDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out decimal d))
        {
            value = d;
            return true;
        }

        var text = v.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out double d))
        {
            value = d;
            return true;
        }

        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when the node is a JSON number with no fractional part that fits in a long.</summary>
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (!TryGetDecimal(node, out var d))
        {
            return TryGetDouble(node, out var dbl) && dbl == Math.Floor(dbl) && dbl is >= long.MinValue and <= long.MaxValue
                && (value = (long)dbl) == value;
        }

        if (d != decimal.Truncate(d) || d < long.MinValue || d > long.MaxValue)
        {
            return false;
        }

        value = (long)d;
        return true;
    }

    public static JsonNode Number(decimal value)
    {
        if (value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue)
        {
            return JsonValue.Create((long)value);
        }

        return JsonValue.Create(value);
    }

    /// <summary>Compares two JSON values by value: numbers numerically, objects ignoring key order.</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        var ka = Kind(a);
        var kb = Kind(b);
        if (ka != kb)
        {
            return false;
        }

        switch (ka)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.Number:
                if (TryGetDecimal(a, out var da) && TryGetDecimal(b, out var db))
                {
                    return da == db;
                }

                return TryGetDouble(a, out var fa) && TryGetDouble(b, out var fb) && fa.Equals(fb);
            case JsonValueKind.String:
                return a!.GetValue<string>() == b!.GetValue<string>();
            case JsonValueKind.Array:
                var aa = a!.AsArray();
                var ab = b!.AsArray();
                if (aa.Count != ab.Count)
                {
                    return false;
                }

                for (var i = 0; i < aa.Count; i++)
                {
                    if (!DeepEquals(aa[i], ab[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var oa = a!.AsObject();
                var ob = b!.AsObject();
                if (oa.Count != ob.Count)
                {
                    return false;
                }

                foreach (var (key, value) in oa)
                {
                    if (!ob.TryGetPropertyValue(key, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>A hash consistent with <see cref="DeepEquals"/>, used to de-duplicate values.</summary>
    public static string CanonicalKey(JsonNode? node)
    {
        switch (Kind(node))
        {
            case JsonValueKind.Number:
                return TryGetDecimal(node, out var d) ? "n:" + d.ToString("G29", CultureInfo.InvariantCulture).TrimEnd() : "n:" + node!.ToJsonString();
            case JsonValueKind.Object:
                var parts = node!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => JsonSerializer.Serialize(p.Key) + ":" + CanonicalKey(p.Value));
                return "{" + string.Join(",", parts) + "}";
            case JsonValueKind.Array:
                return "[" + string.Join(",", node!.AsArray().Select(CanonicalKey)) + "]";
            default:
                return ToJson(node);
        }
    }

    /// <summary>The type name Step Functions uses in error messages.</summary>
    public static string TypeName(JsonNode? node) => Kind(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
