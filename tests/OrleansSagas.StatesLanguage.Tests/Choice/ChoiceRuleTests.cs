using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Choice;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;

namespace OrleansSagas.StatesLanguage.Tests.Choice;

public sealed class ChoiceRuleTests
{
    private static readonly JsonNode Input = JsonNode.Parse("""
        {"s":"apple","n":10,"b":true,"t":"2024-05-01T10:00:00Z","t2":"2024-05-01T12:00:00+01:00","z":null,"other":10.0,
         "file":"report*2024.csv","pattern":"x"}
        """)!;

    private static bool Eval(string op, string variable, JsonNode? operand, string? operandPath = null) =>
        ChoiceEvaluator.Matches(
            new ChoiceRule { Operator = op, Variable = variable, Operand = operand, OperandPath = operandPath },
            EvaluationScope.ForTests(Input));

    [Theory]
    [InlineData("StringEquals", "$.s", "\"apple\"", true)]
    [InlineData("StringLessThan", "$.s", "\"banana\"", true)]
    [InlineData("StringGreaterThanEquals", "$.s", "\"apple\"", true)]
    [InlineData("StringEquals", "$.n", "\"10\"", false)]
    [InlineData("StringMatches", "$.s", "\"a*e\"", true)]
    [InlineData("StringMatches", "$.s", "\"*pl*\"", true)]
    [InlineData("StringMatches", "$.s", "\"b*\"", false)]
    [InlineData("StringMatches", "$.file", "\"report\\\\**.csv\"", true)]
    [InlineData("StringMatches", "$.s", "\"apple\\\\*\"", false)]
    [InlineData("NumericEquals", "$.n", "10.0", true)]
    [InlineData("NumericLessThan", "$.n", "11", true)]
    [InlineData("NumericGreaterThan", "$.n", "10", false)]
    [InlineData("NumericLessThanEquals", "$.n", "10", true)]
    [InlineData("NumericGreaterThanEquals", "$.s", "1", false)]
    [InlineData("BooleanEquals", "$.b", "true", true)]
    [InlineData("BooleanEquals", "$.n", "true", false)]
    [InlineData("TimestampEquals", "$.t", "\"2024-05-01T11:00:00+01:00\"", true)]
    [InlineData("TimestampLessThan", "$.t", "\"2024-05-01T10:00:01Z\"", true)]
    [InlineData("TimestampGreaterThan", "$.t2", "\"2024-05-01T10:00:00Z\"", true)]
    [InlineData("TimestampLessThanEquals", "$.s", "\"2024-05-01T10:00:00Z\"", false)]
    [InlineData("IsNull", "$.z", "true", true)]
    [InlineData("IsPresent", "$.nope", "false", true)]
    [InlineData("IsPresent", "$.z", "true", true)]
    [InlineData("IsNumeric", "$.n", "true", true)]
    [InlineData("IsString", "$.n", "false", true)]
    [InlineData("IsBoolean", "$.b", "true", true)]
    [InlineData("IsTimestamp", "$.t", "true", true)]
    [InlineData("IsTimestamp", "$.s", "false", true)]
    public void Comparison_operators(string op, string variable, string operand, bool expected) =>
        Assert.Equal(expected, Eval(op, variable, JsonNode.Parse(operand)));

    [Theory]
    [InlineData("NumericEqualsPath", "$.n", "$.other", true)]
    [InlineData("StringEqualsPath", "$.s", "$.s", true)]
    [InlineData("TimestampLessThanPath", "$.t", "$.t2", true)]
    [InlineData("TimestampGreaterThanPath", "$.t", "$.t2", false)]
    [InlineData("BooleanEqualsPath", "$.b", "$.b", true)]
    public void Path_forms_compare_with_another_value_of_the_input(string op, string variable, string path, bool expected) =>
        Assert.Equal(expected, Eval(op, variable, null, path));

    [Fact]
    public void And_Or_Not_combine_rules()
    {
        var isApple = new ChoiceRule { Operator = "StringEquals", Variable = "$.s", Operand = JsonValue.Create("apple") };
        var isBig = new ChoiceRule { Operator = "NumericGreaterThan", Variable = "$.n", Operand = JsonValue.Create(100) };
        var scope = EvaluationScope.ForTests(Input);

        Assert.False(ChoiceEvaluator.Matches(new ChoiceRule { Operator = "And", Children = [isApple, isBig] }, scope));
        Assert.True(ChoiceEvaluator.Matches(new ChoiceRule { Operator = "Or", Children = [isApple, isBig] }, scope));
        Assert.True(ChoiceEvaluator.Matches(new ChoiceRule { Operator = "Not", Children = [isBig] }, scope));
    }

    [Fact]
    public void A_comparison_on_a_missing_variable_is_a_runtime_error()
    {
        var error = Assert.Throws<StateFailureException>(() => Eval("StringEquals", "$.nope", JsonValue.Create("x")));
        Assert.Equal(AslErrorNames.Runtime, error.Error);
    }
}
