using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Parsing;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Tests.Validation;

public sealed class ValidatorTests
{
    private static IReadOnlyList<AslProblem> Problems(string json) => StateMachineParser.Validate(json).Problems;

    private static void AssertProblem(string json, string path, string messagePart)
    {
        var problems = Problems(json);
        Assert.True(
            problems.Any(p => p.Path == path && p.Message.Contains(messagePart, StringComparison.OrdinalIgnoreCase)),
            $"expected a problem at {path} containing '{messagePart}', got:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        const string json = """
            {"States":{
              "Charge":{"Type":"Task","Resource":"handler:charge","Next":"Nowhere","Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}]},
              "Lonely":{"Type":"Pass","End":true,"InputPath":"nope"},
              "Pick":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":"1","Next":"Lonely"}],"ResultPath":"$.x"}
            }}
            """;
        var problems = Problems(json);

        AssertProblem(json, "$", "Missing required field 'StartAt'");
        AssertProblem(json, "$.States.Charge.Next", "'Nowhere' does not name a state");
        AssertProblem(json, "$.States.Charge.Retry[0].ErrorEquals", "States.ALL must appear alone");
        AssertProblem(json, "$.States.Lonely.InputPath", "not a valid JSONPath");
        AssertProblem(json, "$.States.Pick.Choices[0].NumericEquals", "must be a number");
        AssertProblem(json, "$.States.Pick.ResultPath", "not allowed in a Choice state");
        AssertProblem(json, "$.States.Pick", "not reachable");
        Assert.True(problems.Count >= 7);
    }

    [Theory]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}""", "$.States", "No terminal state")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Next":"A"}}}""", "$.States.A", "not both")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}}}""", "$.States.A", "exactly one")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Fail","Error":"E","ErrorPath":"$.e"}}}""", "$.States.A", "only one of")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r:x","End":true,"ResultPath":"$$.x"}}}""", "$.States.A.ResultPath", "reference path")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Parameters":{"a.$":"States.Nope()"}}}}""", "$.States.A.Parameters['a.$']", "intrinsic")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Parameters":{"a":1,"a.$":"$.b"}}}}""", "$.States.A.Parameters['a.$']", "defined twice")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r:x","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"A"},{"ErrorEquals":["E"],"Next":"A"}]}}}""", "$.States.A.Catch[0].ErrorEquals", "States.ALL")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r:x","End":true,"Retry":[{"ErrorEquals":["E"],"BackoffRate":0.5}]}}}""", "$.States.A.Retry[0].BackoffRate", ">= 1")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"C"}}}]},"C":{"Type":"Succeed"}}}""", "$.States.A.Branches[0].States.B.Next", "does not name a state")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Map","End":true}}}""", "$.States.A", "ItemProcessor")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Map","End":true,"ToleratedFailurePercentage":101,"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}}}}""", "$.States.A.ToleratedFailurePercentage", "between 0 and 100")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Assign":{"bad name":1}}}}""", "$.States.A.Assign['bad name']", "variable name")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","End":true,"Output":"{% 1 + %}"}}}""", "$.States.A.Output", "Invalid JSONata")]
    public void Specific_problems_name_the_offending_node(string json, string path, string messagePart) =>
        AssertProblem(json, path, messagePart);

    [Fact]
    public void Jsonata_definitions_validate_and_parse_only_when_allowed()
    {
        const string json = """{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% 1 + 2 %}","End":true}}}""";

        Assert.True(StateMachineParser.Validate(json).IsValid);
        var error = Assert.Throws<AslValidationException>(() => StateMachineParser.Parse(json));
        Assert.Contains(error.Result.Problems, p => p.Message == StateMachineParser.JsonataNotSupportedMessage);
        Assert.Equal(QueryLanguage.Jsonata, StateMachineParser.Parse(json, allowJsonata: true).QueryLanguage);
    }

    [Fact]
    public void Jsonata_syntax_errors_are_reported_with_their_path_and_code()
    {
        const string json = """{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"x":"{% 1 + %}"},"End":true}}}""";

        var problem = Assert.Single(Problems(json));
        Assert.Equal("$.States.A.Output.x", problem.Path);
        Assert.Contains("S0207", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catcher_output_expression_is_checked()
    {
        const string json = """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"handler:r","End":true,
             "Catch":[{"ErrorEquals":["States.ALL"],"Next":"B","Output":"{% $states.errorOutput. %}"}]},"B":{"Type":"Succeed"}}}
            """;

        var problems = Problems(json);
        Assert.True(problems.Count == 1, string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")));
        Assert.Equal("$.States.A.Catch[0].Output", problems[0].Path);
    }

    [Fact]
    public void A_jsonata_state_lists_every_jsonpath_field_it_rejects()
    {
        const string json = """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
             "InputPath":"$","Parameters":{},"ResultSelector":{},"ResultPath":"$.r","OutputPath":"$","End":true}}}
            """;

        var paths = Problems(json).Select(p => p.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["$.States.A.InputPath", "$.States.A.OutputPath", "$.States.A.Parameters", "$.States.A.ResultPath", "$.States.A.ResultSelector"], paths);
    }

    [Fact]
    public void A_valid_definition_parses_into_an_immutable_model()
    {
        var definition = StateMachineParser.Parse("""
            {"Comment":"c","StartAt":"A","TimeoutSeconds":30,"States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}
            """);

        Assert.Equal("A", definition.StartAt);
        Assert.Equal(30, definition.TimeoutSeconds);
        Assert.Equal(QueryLanguage.JsonPath, definition.QueryLanguage);
        Assert.Equal(["A", "B"], definition.StateNames);
    }

    [Fact]
    public void Malformed_json_is_a_problem_not_an_exception() =>
        Assert.Contains("not valid JSON", Assert.Single(Problems("{\"StartAt\":")).Message, StringComparison.Ordinal);
}
