using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>Converts between System.Text.Json nodes and JSONata values.</summary>
internal static class ValueConverter
{
    /// <summary>A JSON node as a JSONata value (a null node is JSON null).</summary>
    public static object FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsonataNull.Value;
            case JsonObject obj:
                var result = new JsonataObject();
                foreach (var (key, value) in obj)
                {
                    result[key] = FromNode(value);
                }

                return result;
            case JsonArray array:
                var items = new JsonataArray(array.Count);
                foreach (var item in array)
                {
                    items.Add(FromNode(item));
                }

                return items;
            default:
                var v = node.AsValue();
                return v.GetValueKind() switch
                {
                    JsonValueKind.String => v.GetValue<string>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number => v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
                    _ => JsonataNull.Value,
                };
        }
    }

    /// <summary>A JSONata value as a JSON node; undefined items and functions are dropped.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null or JsonataNull => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => NumberNode(d),
        JsonataArray array => new JsonArray(array.Where(i => i is not null && i is not JsonataFunction).Select(ToNode).ToArray()),
        JsonataObject obj => ObjectNode(obj),
        JsonataFunction => JsonValue.Create(""),
        _ => null,
    };

    private static JsonNode NumberNode(double d)
    {
        if (Math.Floor(d) == d && Math.Abs(d) < 9e15)
        {
            return JsonValue.Create((long)d);
        }

        return JsonValue.Create(d);
    }

    private static JsonObject ObjectNode(JsonataObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (value is not null and not JsonataFunction)
            {
                result[key] = ToNode(value);
            }
        }

        return result;
    }
}
