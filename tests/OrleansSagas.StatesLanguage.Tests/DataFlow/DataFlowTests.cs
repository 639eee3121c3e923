using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.Tests.DataFlow;

public sealed class DataFlowTests
{
    private static readonly JsonNode Input = JsonNode.Parse("""{"order":{"id":7,"lines":[{"sku":"a"},{"sku":"b"}]},"flag":true}""")!;

    [Fact]
    public void Payload_template_resolves_paths_intrinsics_and_nested_objects()
    {
        var template = JsonNode.Parse("""
            {"id.$":"$.order.id","static":"x","nested":{"skus.$":"$.order.lines[*].sku"},
             "label.$":"States.Format('order {}', $.order.id)","list":[{"f.$":"$.flag"}]}
            """);

        var result = PayloadTemplate.Evaluate(template, EvaluationScope.ForTests(Input));

        var expected = JsonNode.Parse("""{"id":7,"static":"x","nested":{"skus":["a","b"]},"label":"order 7","list":[{"f":true}]}""");
        Assert.True(JsonNodes.DeepEquals(expected, result), JsonNodes.ToJson(result));
    }

    [Fact]
    public void Missing_template_path_is_a_runtime_error_naming_the_field()
    {
        var error = Assert.Throws<StateFailureException>(() =>
            PayloadTemplate.Evaluate(JsonNode.Parse("""{"x.$":"$.nope"}"""), EvaluationScope.ForTests(Input)));

        Assert.Equal(AslErrorNames.Runtime, error.Error);
        Assert.Contains("The JSONPath '$.nope' specified for the field 'x.$' could not be found in the input", error.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false, """{"r":1}""")]
    [InlineData("$", false, """{"r":1}""")]
    [InlineData(null, true, """{"order":{"id":7,"lines":[{"sku":"a"},{"sku":"b"}]},"flag":true}""")]
    [InlineData("$.result", false, """{"order":{"id":7,"lines":[{"sku":"a"},{"sku":"b"}]},"flag":true,"result":{"r":1}}""")]
    [InlineData("$.a.b", false, """{"order":{"id":7,"lines":[{"sku":"a"},{"sku":"b"}]},"flag":true,"a":{"b":{"r":1}}}""")]
    [InlineData("$.order.lines[1]", false, """{"order":{"id":7,"lines":[{"sku":"a"},{"r":1}]},"flag":true}""")]
    public void ResultPath_places_the_result(string? resultPath, bool discard, string expectedJson)
    {
        var output = StateDataFlow.ApplyResultPath(Input, JsonNode.Parse("""{"r":1}"""), resultPath, discard, EvaluationScope.ForTests(Input));

        Assert.True(JsonNodes.DeepEquals(JsonNode.Parse(expectedJson), output), JsonNodes.ToJson(output));
    }

    [Fact]
    public void InputPath_null_gives_an_empty_object() =>
        Assert.Equal("{}", JsonNodes.ToJson(StateDataFlow.SelectPath(null, explicitNull: true, EvaluationScope.ForTests(Input))));
}
