using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.JsonPath;

/// <summary>A boolean expression inside [?( ... )].</summary>
internal abstract record FilterExpression
{
    public abstract bool Matches(JsonNode? current, JsonNode? root);
}

internal sealed record OrFilter(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root) => Left.Matches(current, root) || Right.Matches(current, root);
}

internal sealed record AndFilter(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root) => Left.Matches(current, root) && Right.Matches(current, root);
}

internal sealed record NotFilter(FilterExpression Inner) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root) => !Inner.Matches(current, root);
}

/// <summary>A bare operand: true when the path exists (and, for a literal, when it is truthy).</summary>
internal sealed record ExistsFilter(FilterOperand Operand) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root)
    {
        var (found, value) = Operand.Resolve(current, root);
        return found && JsonNodes.Kind(value) != JsonValueKind.False;
    }
}

internal sealed record ComparisonFilter(FilterOperand Left, string Operator, FilterOperand Right) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root)
    {
        var (lf, lv) = Left.Resolve(current, root);
        if (Operator == "=~")
        {
            return lf && Right is RegexOperand regex && JsonNodes.TryGetString(lv, out var s) && regex.Regex.IsMatch(s);
        }

        var (rf, rv) = Right.Resolve(current, root);
        if (!lf || !rf)
        {
            return Operator == "!=" && lf != rf;
        }

        return Operator switch
        {
            "==" => JsonNodes.DeepEquals(lv, rv),
            "!=" => !JsonNodes.DeepEquals(lv, rv),
            "in" => rv is JsonArray arr && arr.Any(x => JsonNodes.DeepEquals(lv, x)),
            "nin" => rv is JsonArray arr2 && !arr2.Any(x => JsonNodes.DeepEquals(lv, x)),
            _ => CompareOrdered(lv, rv),
        };
    }

    private bool CompareOrdered(JsonNode? lv, JsonNode? rv)
    {
        int cmp;
        if (JsonNodes.TryGetDecimal(lv, out var a) && JsonNodes.TryGetDecimal(rv, out var b))
        {
            cmp = a.CompareTo(b);
        }
        else if (JsonNodes.TryGetString(lv, out var sa) && JsonNodes.TryGetString(rv, out var sb))
        {
            cmp = string.CompareOrdinal(sa, sb);
        }
        else
        {
            return false;
        }

        return Operator switch
        {
            "<" => cmp < 0,
            "<=" => cmp <= 0,
            ">" => cmp > 0,
            ">=" => cmp >= 0,
            _ => false,
        };
    }
}

/// <summary>A value inside a filter: @-relative path, $-rooted path, literal or regex.</summary>
internal abstract record FilterOperand
{
    public abstract (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root);
}

internal sealed record PathOperand(bool FromRoot, IReadOnlyList<JsonPathSegment> Segments) : FilterOperand
{
    public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root)
    {
        var start = FromRoot ? root : current;
        var matches = JsonPathEvaluator.Select(start, Segments, root);
        if (matches.Count == 0)
        {
            return (false, null);
        }

        var definite = Segments.All(s => s.IsDefinite);
        return definite ? (true, matches[0]) : (true, new JsonArray(matches.Select(JsonNodes.Clone).ToArray()));
    }
}

internal sealed record LiteralOperand(JsonNode? Value) : FilterOperand
{
    public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root) => (true, Value);
}

internal sealed record RegexOperand(Regex Regex) : FilterOperand
{
    public override (bool Found, JsonNode? Value) Resolve(JsonNode? current, JsonNode? root) => (true, null);
}
