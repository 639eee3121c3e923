using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Jsonata;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Tests.Jsonata;

/// <summary>Runs one conformance case and says how it differs from the expectation (null when it passes).</summary>
internal static class JsonataCaseRunner
{
    /// <summary>Every case runs under a time limit, so that a regression cannot hang the test run.</summary>
    private static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(20);

    public static string? Run(JsonataCase c)
    {
        object? actual;
        try
        {
            var expression = JsonataExpression.Parse(c.Expression);
            var input = c.HasInput ? ValueConverter.FromNode(c.Input) : null;
            var bindings = c.Bindings?.ToDictionary(b => b.Key, b => (object?)ValueConverter.FromNode(b.Value), StringComparer.Ordinal);
            var options = new JsonataOptions
            {
                MaxDepth = c.Depth ?? 0,
                TimeLimit = c.TimeLimit is { } ms ? TimeSpan.FromMilliseconds(ms) : DefaultTimeLimit,
            };
            actual = expression.EvaluateValue(input, bindings, options);
        }
        catch (JsonataException ex)
        {
            if (c.Code is null)
            {
                return $"unexpected error {ex.Code}: {ex.Message}";
            }

            if (!SameCode(c.Code, ex.Code))
            {
                return $"expected error {c.Code} but got {ex.Code}: {ex.Message}";
            }

            return c.Token is not null && c.Token != ex.Token ? $"expected token {c.Token} but got {ex.Token}" : null;
        }
#pragma warning disable CA1031 // a crash is reported as the case's failure, not as the suite's
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"crash {ex.GetType().Name}: {ex.Message}";
        }

        if (c.Code is not null)
        {
            return $"expected error {c.Code} but got {Describe(actual)}";
        }

        if (c.UndefinedResult)
        {
            return actual is null ? null : $"expected undefined but got {Describe(actual)}";
        }

        if (!c.HasResult)
        {
            return null;
        }

        if (c.Result is null)
        {
            return actual is JsonataNull ? null : $"expected null but got {Describe(actual)}";
        }

        if (actual is null)
        {
            return $"expected {c.Result.ToJsonString()} but got undefined";
        }

        var node = ValueConverter.ToNode(actual);
        return JsonEquals(c.Result, node, c.Unordered) ? null : $"expected {c.Result.ToJsonString()} but got {Describe(actual)}";
    }

    /// <summary>U1001 is the reference test harness's code for its own depth and time limits (D1011, D1012 here).</summary>
    private static bool SameCode(string expected, string actual) =>
        expected == actual || (expected == "U1001" && actual is "D1011" or "D1012");

    private static string Describe(object? value) => value is null ? "undefined" : ValueConverter.ToNode(value)?.ToJsonString() ?? "null";

    private static bool JsonEquals(JsonNode? a, JsonNode? b, bool unordered)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && JsonEquals(p.Value, y[p.Key], false));
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                if (unordered)
                {
                    var remaining = y.ToList();
                    foreach (var item in x)
                    {
                        var match = remaining.FindIndex(r => JsonEquals(item, r, false));
                        if (match < 0)
                        {
                            return false;
                        }

                        remaining.RemoveAt(match);
                    }

                    return true;
                }

                return x.Zip(y).All(p => JsonEquals(p.First, p.Second, false));
            case (JsonValue x, JsonValue y):
                if (x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
                {
                    return double.Parse(x.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) == double.Parse(y.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                }

                return JsonNode.DeepEquals(x, y);
            default:
                return false;
        }
    }
}
