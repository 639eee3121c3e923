using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Tests.Conformance;

/// <summary>Compares results as the conformance README says: by JSON value, with the case's placeholder tokens as wildcards.</summary>
internal static class PlaceholderComparer
{
    public static bool Matches(JsonNode? expected, JsonNode? actual, IReadOnlyList<string> tokens)
    {
        if (tokens.Count > 0 && expected is JsonValue ev && ev.GetValueKind() == JsonValueKind.String)
        {
            var text = ev.GetValue<string>();
            if (tokens.Contains(text))
            {
                return true;
            }

            if (tokens.Any(t => text.Contains(t, StringComparison.Ordinal)))
            {
                return actual is JsonValue av && av.GetValueKind() == JsonValueKind.String
                    && Pattern(text, tokens).IsMatch(av.GetValue<string>());
            }
        }

        switch (expected)
        {
            case JsonObject eo:
                return actual is JsonObject ao && eo.Count == ao.Count
                    && eo.All(p => ao.TryGetPropertyValue(p.Key, out var v) && Matches(p.Value, v, tokens));
            case JsonArray ea:
                return actual is JsonArray aa && ea.Count == aa.Count && ea.Select((e, i) => Matches(e, aa[i], tokens)).All(x => x);
            default:
                return JsonNodes.DeepEquals(expected, actual);
        }
    }

    public static bool StringMatches(string? expected, string? actual, IReadOnlyList<string> tokens)
    {
        if (expected is null)
        {
            return string.IsNullOrEmpty(actual);
        }

        return actual is not null && (expected == actual || (tokens.Count > 0 && Pattern(expected, tokens).IsMatch(actual)));
    }

    private static Regex Pattern(string text, IReadOnlyList<string> tokens)
    {
        var pattern = Regex.Escape(text);
        foreach (var token in tokens.OrderByDescending(t => t.Length))
        {
            pattern = pattern.Replace(Regex.Escape(token), "(?s:.+)", StringComparison.Ordinal);
        }

        return new Regex("^" + pattern + "$", RegexOptions.None, TimeSpan.FromSeconds(5));
    }
}
