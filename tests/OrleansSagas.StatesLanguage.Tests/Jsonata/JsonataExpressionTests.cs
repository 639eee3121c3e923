using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Jsonata;

namespace OrleansSagas.StatesLanguage.Tests.Jsonata;

/// <summary>The public API: JsonNode in and out, undefined distinct from null, errors with codes and positions.</summary>
public sealed class JsonataExpressionTests
{
    private static readonly JsonNode Order = JsonNode.Parse("""{"items":[{"price":2,"qty":3},{"price":5,"qty":1}],"customer":null}""")!;

    [Fact]
    public void Evaluates_against_a_json_node()
    {
        var result = JsonataExpression.Parse("$sum(items.(price * qty))").Evaluate(Order);
        Assert.True(result.IsDefined);
        Assert.Equal(11, result.Value!.GetValue<long>());
    }

    [Fact]
    public void Undefined_is_distinct_from_null()
    {
        Assert.False(JsonataExpression.Parse("missing").Evaluate(Order).IsDefined);
        var nullResult = JsonataExpression.Parse("customer").Evaluate(Order);
        Assert.True(nullResult.IsDefined);
        Assert.Null(nullResult.Value);
    }

    [Fact]
    public void Bindings_are_variables()
    {
        var bindings = new Dictionary<string, JsonNode?> { ["rate"] = 2 };
        var result = JsonataExpression.Parse("items[0].price * $rate").Evaluate(Order, bindings);
        Assert.Equal(4, result.Value!.GetValue<long>());
    }

    [Fact]
    public void Syntax_errors_carry_code_and_position()
    {
        var error = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("items[0"));
        Assert.Equal("S0203", error.Code);
        Assert.Equal(7, error.Position);
    }

    [Fact]
    public void Evaluation_errors_carry_code_position_and_token()
    {
        var error = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("1 + 'a'").Evaluate(null));
        Assert.Equal("T2002", error.Code);
        Assert.Equal("+", error.Token);
        Assert.Equal(2, error.Position);
        Assert.Equal("The right side of the \"+\" operator must evaluate to a number", error.Message);
    }

    [Fact]
    public void Wrong_argument_types_that_skip_the_signature_check_are_errors_not_crashes()
    {
        var error = Assert.Throws<JsonataException>(() => JsonataExpression.Parse("$substring(?, 'a')('text')").Evaluate(null));
        Assert.Equal("T0410", error.Code);
    }

    [Fact]
    public void Clock_and_random_are_injected()
    {
        var options = new JsonataOptions { Now = DateTimeOffset.Parse("2024-05-06T07:08:09.010Z", System.Globalization.CultureInfo.InvariantCulture), RandomSeed = 42 };
        var expression = JsonataExpression.Parse("[$now(), $millis(), $random(), $shuffle([1,2,3,4,5])]");
        var first = expression.Evaluate(null, options: options).Value!.ToJsonString();
        var second = expression.Evaluate(null, options: options).Value!.ToJsonString();
        Assert.Equal(first, second);
        Assert.StartsWith("[\"2024-05-06T07:08:09.010Z\",1714979289010,", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Arrays_numbers_and_objects_round_trip()
    {
        var result = JsonataExpression.Parse("{'a': [1, 2.5, 'x', true, null], 'b': {'c': -0.1}}").Evaluate(null);
        Assert.Equal("""{"a":[1,2.5,"x",true,null],"b":{"c":-0.1}}""", result.Value!.ToJsonString());
    }
}
