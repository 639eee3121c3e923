using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Choice;

/// <summary>A Choice rule: a boolean combinator (And/Or/Not) or a single comparison on Variable.</summary>
internal sealed class ChoiceRule
{
    /// <summary>And, Or, Not, or a comparison operator such as NumericEquals / StringMatches / IsPresent.</summary>
    public required string Operator { get; init; }

    public string? Variable { get; init; }

    /// <summary>The literal operand of a comparison (for …Path operators, the path text is in <see cref="OperandPath"/>).</summary>
    public JsonNode? Operand { get; init; }

    public string? OperandPath { get; init; }

    public IReadOnlyList<ChoiceRule> Children { get; init; } = [];

    /// <summary>Only on top-level rules.</summary>
    public string? Next { get; init; }

    /// <summary>Only on top-level rules: variables assigned when this rule matches.</summary>
    public JsonObject? Assign { get; init; }
}
