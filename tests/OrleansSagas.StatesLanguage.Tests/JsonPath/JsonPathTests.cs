using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.JsonPath;

namespace OrleansSagas.StatesLanguage.Tests.JsonPath;

public sealed class JsonPathTests
{
    private static readonly JsonNode Store = JsonNode.Parse("""
        {
          "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord", "isbn": "0-395", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 19.95 }
          },
          "odd key": { "x-y": 1 },
          "n": null
        }
        """)!;

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.store.bicycle.color", "\"red\"")]
    [InlineData("$['store']['bicycle']['price']", "19.95")]
    [InlineData("$.store.book[0].title", "\"Sayings\"")]
    [InlineData("$.store.book[-1].title", "\"The Lord\"")]
    [InlineData("$['odd key']['x-y']", "1")]
    [InlineData("$.n", "null")]
    [InlineData("$.store.book[*].author", "[\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]")]
    [InlineData("$.store.book[1:3].title", "[\"Sword\",\"Moby Dick\"]")]
    [InlineData("$.store.book[:2].price", "[8.95,12.99]")]
    [InlineData("$.store.book[-2:].title", "[\"Moby Dick\",\"The Lord\"]")]
    [InlineData("$.store.book[0,2].title", "[\"Sayings\",\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.price < 10)].title", "[\"Sayings\",\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.isbn)].title", "[\"Moby Dick\",\"The Lord\"]")]
    [InlineData("$.store.book[?(@.category == 'fiction' && @.price > 20)].title", "[\"The Lord\"]")]
    [InlineData("$.store.book[?(@.author =~ /.*Melville/)].price", "[8.99]")]
    [InlineData("$..price", "[8.95,12.99,8.99,22.99,19.95]")]
    [InlineData("$.store.*.color", "[\"red\"]")]
    [InlineData("$.store.book[(@.length-1)].title", "\"The Lord\"")]
    [InlineData("$.missing[*]", "[]")]
    public void Selects_values_like_step_functions(string path, string? expectedJson)
    {
        var found = JsonPathEvaluator.TryEvaluate(JsonPathParser.Parse(path), Store, out var value);

        Assert.True(found);
        var expected = expectedJson is null ? Store : JsonNode.Parse(expectedJson);
        Assert.True(JsonNodes.DeepEquals(expected, value), $"{path} gave {JsonNodes.ToJson(value)}");
    }

    [Theory]
    [InlineData("$.store.car")]
    [InlineData("$.store.book[9]")]
    [InlineData("$.store.bicycle.color.shade")]
    public void A_missing_definite_path_finds_nothing(string path) =>
        Assert.False(JsonPathEvaluator.TryEvaluate(JsonPathParser.Parse(path), Store, out _));

    [Theory]
    [InlineData("store.book")]
    [InlineData("$.")]
    [InlineData("$..")]
    [InlineData("$[")]
    [InlineData("$.a[?(@.b ==)]")]
    [InlineData("$$23")]
    [InlineData("()")]
    public void Invalid_paths_are_rejected(string path) =>
        Assert.False(JsonPathParser.TryParse(path, out _, out _));

    [Theory]
    [InlineData("$.a.b[0]", true)]
    [InlineData("$", true)]
    [InlineData("$.a[*]", false)]
    [InlineData("$$.Execution", false)]
    [InlineData("$var.a", false)]
    [InlineData("$.a[-1]", false)]
    public void Reference_paths_are_names_and_indexes_on_the_input(string path, bool isReference) =>
        Assert.Equal(isReference, JsonPathParser.Parse(path).IsReferencePath);

    [Fact]
    public void Context_and_variables_have_their_own_roots()
    {
        var scope = EvaluationScope.ForTests(
            JsonNode.Parse("{\"a\":1}"),
            JsonNode.Parse("{\"Execution\":{\"Id\":\"e-1\"}}"),
            new Dictionary<string, JsonNode?> { ["total"] = JsonNode.Parse("{\"sum\":42}") });

        Assert.True(scope.TryResolve(JsonPathParser.Parse("$$.Execution.Id"), out var id));
        Assert.Equal("e-1", (string?)id);
        Assert.True(scope.TryResolve(JsonPathParser.Parse("$total.sum"), out var sum));
        Assert.Equal(42, (int)sum!);
        var error = Assert.Throws<StateFailureException>(() => scope.TryResolve(JsonPathParser.Parse("$nope"), out _));
        Assert.Equal(AslErrorNames.Runtime, error.Error);
    }

    [Fact]
    public void Missing_input_path_reports_the_jayway_message()
    {
        var scope = EvaluationScope.ForTests(JsonNode.Parse("{}"));

        var error = Assert.Throws<StateFailureException>(() => scope.ResolveOrFail(JsonPathParser.Parse("$.a.b")));

        Assert.Equal(AslErrorNames.Runtime, error.Error);
        Assert.EndsWith("Invalid path '$.a.b' : No results for path: $['a']['b']", error.Cause, StringComparison.Ordinal);
    }
}
