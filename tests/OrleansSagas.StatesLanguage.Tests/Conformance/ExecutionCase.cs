using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Parsing;

namespace OrleansSagas.StatesLanguage.Tests.Conformance;

/// <summary>One recorded execution case and how this runtime's result compares with AWS's.</summary>
internal sealed record ExecutionCase(string Name, string File, JsonObject Data)
{
    private static readonly Lazy<IReadOnlyDictionary<string, ExecutionCase>> AllCases = new(() =>
        ConformanceData.Files("executions")
            .Select(f => ConformanceData.Relative(f))
            .Select(f => { var data = ConformanceData.Load(f); return new ExecutionCase((string)data["name"]!, f, data); })
            .ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, ExecutionCase> All => AllCases.Value;

    public string Category => Name.Split('/')[0];

    public IReadOnlyList<string> Tags => Data["tags"]!.AsArray().Select(t => (string)t!).ToList();

    /// <summary>
    /// A case needs JSONata when its definition selects QueryLanguage "JSONata" somewhere. (The "jsonata" tag is also set
    /// on one JSONPath case, assign/test_base_cases/BASE_VAR, whose Assign merely holds "{% … %}" as literal strings.)
    /// </summary>
    public bool IsJsonata => Data["definition"]!.ToJsonString().Contains("\"QueryLanguage\":\"JSONata\"", StringComparison.Ordinal);

    /// <summary>Runs the case; returns null when it matches AWS's recording, otherwise why not.</summary>
    public string? Run()
    {
        var definitionJson = Data["definition"]!.ToJsonString();
        var parse = StateMachineParser.TryParse(definitionJson, out var definition, allowJsonata: true);
        if (definition is null)
        {
            return $"definition rejected: {parse}";
        }

        var driver = new FakeTimeDriver(definition);
        var state = driver.Run(FakeTimeDriver.StartMessage(Data["input"], express: Tags.Contains("express")));
        var replayed = driver.Interpreter.Replay(driver.History);
        if (replayed.ToJson() != state.ToJson())
        {
            return "replaying the history did not rebuild the final state";
        }

        var expected = Data["expected"]!.AsObject();
        var tokens = Data["placeholder_tokens"]?.AsArray().Select(t => (string)t!).ToList() ?? [];
        var status = (string)expected["status"]!;
        var actualStatus = state.Status switch
        {
            AslExecutionStatus.Succeeded => "SUCCEEDED",
            AslExecutionStatus.Failed => "FAILED",
            _ => state.Status.ToString().ToUpperInvariant(),
        };
        var actual = $"status {actualStatus}, output {JsonNodes.ToJson(state.Output)}, error '{state.Error}', cause '{state.Cause}'";
        if (status != actualStatus)
        {
            return $"expected {status} but got {actual}";
        }

        if (status == "SUCCEEDED")
        {
            return PlaceholderComparer.Matches(expected["output"], state.Output, tokens)
                ? null
                : $"expected output {JsonNodes.ToJson(expected["output"])} but got {JsonNodes.ToJson(state.Output)}";
        }

        var errorOk = PlaceholderComparer.StringMatches((string?)expected["error"], state.Error, tokens);
        var causeOk = PlaceholderComparer.StringMatches((string?)expected["cause"], state.Cause, tokens);
        return errorOk && causeOk
            ? null
            : $"expected error '{expected["error"]}' cause '{expected["cause"]}' but got {actual}";
    }
}
