using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Intrinsics;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Tests.Intrinsics;

public sealed class IntrinsicFunctionTests
{
    private static readonly JsonNode Input = JsonNode.Parse("""
        {"name":"Ada","nums":[1,2,2,3,{"a":1},{"a":1}],"obj1":{"a":1,"b":{"x":1}},"obj2":{"b":{"y":2},"c":3},
         "json":"{\"k\":[1,2]}","text":"a,b;;c","fmt":"{} and {}"}
        """)!;

    private static JsonNode? Eval(string expression) => IntrinsicEvaluator.Evaluate(expression, EvaluationScope.ForTests(Input));

    [Theory]
    [InlineData("States.Format('Hello {}!', $.name)", "\"Hello Ada!\"")]
    [InlineData("States.Format('\\{\\} {} \\'q\\'', 5)", "\"{} 5 'q'\"")]
    [InlineData("States.Format('{}', $.obj1)", "\"{a=1, b={x=1}}\"")]
    [InlineData("States.Format($.fmt, 1, true)", "\"1 and true\"")]
    [InlineData("States.StringToJson($.json)", "{\"k\":[1,2]}")]
    [InlineData("States.JsonToString($.obj1)", "\"{\\\"a\\\":1,\\\"b\\\":{\\\"x\\\":1}}\"")]
    [InlineData("States.Array(1, 'two', $.name, null)", "[1,\"two\",\"Ada\",null]")]
    [InlineData("States.ArrayPartition(States.ArrayRange(1, 5, 1), 2)", "[[1,2],[3,4],[5]]")]
    [InlineData("States.ArrayContains($.nums, 3)", "true")]
    [InlineData("States.ArrayContains($.nums, {\"a\":1})", null)]
    [InlineData("States.ArrayRange(10, 1, -4)", "[10,6,2]")]
    [InlineData("States.ArrayGetItem($.nums, 1)", "2")]
    [InlineData("States.ArrayLength($.nums)", "6")]
    [InlineData("States.ArrayUnique($.nums)", "[1,2,3,{\"a\":1}]")]
    [InlineData("States.Base64Encode('Data to encode')", "\"RGF0YSB0byBlbmNvZGU=\"")]
    [InlineData("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", "\"Data to encode\"")]
    [InlineData("States.Hash('input data', 'SHA-1')", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"")]
    [InlineData("States.JsonMerge($.obj1, $.obj2, false)", "{\"a\":1,\"b\":{\"y\":2},\"c\":3}")]
    [InlineData("States.MathAdd(1.5, -0.4)", "2")]
    [InlineData("States.MathAdd(-1.5, 0)", "-1")]
    [InlineData("States.MathAdd(-2.5, -0.5)", "-2")]
    [InlineData("States.MathAdd(-1.51, -1.49)", "-3")]
    [InlineData("States.MathAdd(-0.4, 0.5)", "1")]
    [InlineData("States.MathAdd(States.ArrayLength($.nums), 10)", "16")]
    [InlineData("States.StringSplit($.text, ',;')", "[\"a\",\"b\",\"c\"]")]
    public void Functions_compute_like_step_functions(string expression, string? expectedJson)
    {
        if (expectedJson is null)
        {
            // A literal JSON object is not an intrinsic argument: the call does not parse.
            Assert.False(IntrinsicParser.TryParse(expression, out _, out _));
            return;
        }

        var result = Eval(expression);
        Assert.True(JsonNodes.DeepEquals(JsonNode.Parse(expectedJson), result), $"{expression} gave {JsonNodes.ToJson(result)}");
    }

    [Theory]
    [InlineData("States.ArrayGetItem($.nums, 10)")]
    [InlineData("States.ArrayPartition($.nums, 0)")]
    [InlineData("States.ArrayRange(1, 5000, 1)")]
    [InlineData("States.ArrayRange(1, 5, 0)")]
    [InlineData("States.ArrayLength($.name)")]
    [InlineData("States.StringToJson('{not json')")]
    [InlineData("States.Base64Decode('***')")]
    [InlineData("States.Hash('x', 'SHA-3')")]
    [InlineData("States.MathAdd(2147483647, 1)")]
    [InlineData("States.MathRandom(5, 5)")]
    [InlineData("States.Format('{} {}', 1)")]
    [InlineData("States.JsonMerge($.obj1, $.nums, false)")]
    [InlineData("States.Format('{}', $.missing)")]
    public void Bad_arguments_fail_with_States_Runtime(string expression)
    {
        var error = Assert.Throws<StateFailureException>(() => Eval(expression));

        Assert.Equal(AslErrorNames.Runtime, error.Error);
        Assert.StartsWith("An error occurred while executing the state 'State' (entered at the event id #2).", error.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("States.Nope(1)")]
    [InlineData("States.MathAdd(1,'-1')")]
    [InlineData("States.UUID(1)")]
    [InlineData("States.JsonMerge($.a, $.b, true)")]
    [InlineData("States.Format('x'")]
    [InlineData("States.Array(1) extra")]
    public void Malformed_calls_are_rejected_when_parsed(string expression) =>
        Assert.False(IntrinsicParser.TryParse(expression, out _, out _));

    [Fact]
    public void Uuid_and_random_are_deterministic_per_seed()
    {
        JsonNode? Run(string expr, string seed) => IntrinsicEvaluator.Evaluate(expr, new EvaluationScope(
            Input, null, _ => (false, null), "S", 2, new DeterministicRandom(seed)));

        var uuid = (string)Run("States.UUID()", "exec-1/5")!;
        Assert.Equal(uuid, (string)Run("States.UUID()", "exec-1/5")!);
        Assert.NotEqual(uuid, (string)Run("States.UUID()", "exec-1/6")!);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid);

        var random = (long)Run("States.MathRandom(1, 1000)", "exec-1/5")!;
        Assert.InRange(random, 1, 999);
        Assert.Equal(random, (long)Run("States.MathRandom(1, 1000)", "exec-1/5")!);
        Assert.Equal((long)Run("States.MathRandom(1, 1000, 7)", "a")!, (long)Run("States.MathRandom(1, 1000, 7)", "b")!);
    }
}
