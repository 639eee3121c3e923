namespace OrleansSagas.StatesLanguage.Choice;

/// <summary>The comparison operators of Choice rules.</summary>
internal static class ChoiceOperators
{
    public static readonly IReadOnlySet<string> Comparisons = new HashSet<string>(StringComparer.Ordinal)
    {
        "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
        "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
        "BooleanEquals",
        "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
    };

    public static readonly IReadOnlySet<string> TypeTests = new HashSet<string>(StringComparer.Ordinal)
    {
        "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",
    };

    public static readonly IReadOnlySet<string> Combinators = new HashSet<string>(StringComparer.Ordinal) { "And", "Or", "Not" };

    /// <summary>Every comparison has a …Path form except StringMatches.</summary>
    public static bool IsPathForm(string name) =>
        name.EndsWith("Path", StringComparison.Ordinal) && Comparisons.Contains(name[..^4]) && name != "StringMatchesPath";

    public static string BaseName(string name) => IsPathForm(name) ? name[..^4] : name;

    public static bool IsKnown(string name) => Comparisons.Contains(name) || TypeTests.Contains(name) || IsPathForm(name) || Combinators.Contains(name);
}
