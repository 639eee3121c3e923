using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.JsonPath;

namespace OrleansSagas.StatesLanguage.Choice;

/// <summary>Evaluates Choice rules. Comparisons between different JSON types are simply false, as on AWS.</summary>
internal static class ChoiceEvaluator
{
    public static bool Matches(ChoiceRule rule, EvaluationScope scope)
    {
        switch (rule.Operator)
        {
            case "And":
                return rule.Children.All(c => Matches(c, scope));
            case "Or":
                return rule.Children.Any(c => Matches(c, scope));
            case "Not":
                return !Matches(rule.Children[0], scope);
        }

        var path = JsonPathParser.Parse(rule.Variable!);
        var found = scope.TryResolve(path, out var value);
        if (rule.Operator == "IsPresent")
        {
            return found == (JsonNodes.Kind(rule.Operand) == JsonValueKind.True);
        }

        if (!found)
        {
            throw scope.RuntimeError($"Invalid path '{rule.Variable}': The choice state's condition path references an invalid value.");
        }

        if (ChoiceOperators.TypeTests.Contains(rule.Operator))
        {
            var expected = JsonNodes.Kind(rule.Operand) == JsonValueKind.True;
            return TypeTest(rule.Operator, value) == expected;
        }

        var operand = rule.Operand;
        if (rule.OperandPath is not null)
        {
            var operandPath = JsonPathParser.Parse(rule.OperandPath);
            if (!scope.TryResolve(operandPath, out operand))
            {
                throw scope.RuntimeError($"Invalid path '{rule.OperandPath}': The choice state's condition path references an invalid value.");
            }
        }

        return Compare(ChoiceOperators.BaseName(rule.Operator), value, operand);
    }

    private static bool TypeTest(string op, JsonNode? value) => op switch
    {
        "IsNull" => JsonNodes.Kind(value) == JsonValueKind.Null,
        "IsNumeric" => JsonNodes.IsNumber(value),
        "IsString" => JsonNodes.IsString(value),
        "IsBoolean" => JsonNodes.IsBoolean(value),
        "IsTimestamp" => JsonNodes.TryGetString(value, out var s) && AslTimestamp.TryParse(s, out _),
        _ => false,
    };

    private static bool Compare(string op, JsonNode? value, JsonNode? operand)
    {
        if (op.StartsWith("String", StringComparison.Ordinal))
        {
            if (!JsonNodes.TryGetString(value, out var a) || !JsonNodes.TryGetString(operand, out var b))
            {
                return false;
            }

            return op == "StringMatches" ? StringMatchPattern.IsMatch(a, b) : Ordered(op["String".Length..], string.CompareOrdinal(a, b));
        }

        if (op.StartsWith("Numeric", StringComparison.Ordinal))
        {
            if (JsonNodes.TryGetDecimal(value, out var a) && JsonNodes.TryGetDecimal(operand, out var b))
            {
                return Ordered(op["Numeric".Length..], a.CompareTo(b));
            }

            return JsonNodes.TryGetDouble(value, out var da) && JsonNodes.TryGetDouble(operand, out var db)
                && Ordered(op["Numeric".Length..], da.CompareTo(db));
        }

        if (op == "BooleanEquals")
        {
            return JsonNodes.IsBoolean(value) && JsonNodes.IsBoolean(operand) && JsonNodes.Kind(value) == JsonNodes.Kind(operand);
        }

        if (op.StartsWith("Timestamp", StringComparison.Ordinal))
        {
            if (!JsonNodes.TryGetString(value, out var a) || !JsonNodes.TryGetString(operand, out var b)
                || !AslTimestamp.TryParse(a, out var ta) || !AslTimestamp.TryParse(b, out var tb))
            {
                return false;
            }

            return Ordered(op["Timestamp".Length..], ta.CompareTo(tb));
        }

        return false;
    }

    private static bool Ordered(string relation, int comparison) => relation switch
    {
        "Equals" => comparison == 0,
        "LessThan" => comparison < 0,
        "GreaterThan" => comparison > 0,
        "LessThanEquals" => comparison <= 0,
        "GreaterThanEquals" => comparison >= 0,
        _ => false,
    };
}
