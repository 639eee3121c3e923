using System.Text.Json.Nodes;
using OrleansSagas.Engine;
using OrleansSagas.StatesLanguage.Hosting;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Tests.Conformance;
using Xunit.Abstractions;

namespace OrleansSagas.StatesLanguage.Tests.Runtime;

/// <summary>
/// Runs every recorded Step Functions execution through the real saga runtime (registration, saga actor,
/// durable log and timers on fake time, the client's view) and compares with what AWS returned.
/// </summary>
public sealed class RuntimeConformanceTests(ITestOutputHelper output)
{
    /// <summary>Cases the runtime path cannot match yet, with why; asserted to be exactly the failing set.</summary>
    private static readonly IReadOnlyDictionary<string, string> KnownGaps = new Dictionary<string, string>(StringComparer.Ordinal);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_execution_matches_the_AWS_recording_through_the_runtime(bool jsonata)
    {
        await using var node = await RuntimeNode.StartAsync();
        var cases = ExecutionCase.All.Values.Where(c => c.IsJsonata == jsonata).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var c in cases)
        {
            var failure = await RunAsync(node, c, $"case-{index++}");
            if (failure is not null) failures[c.Name] = failure;
        }
        foreach (var group in cases.GroupBy(c => c.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"runtime conformance {group.Key}: {group.Count(c => !failures.ContainsKey(c.Name))}/{group.Count()} passed");
        output.WriteLine($"runtime conformance total: {cases.Count - failures.Count}/{cases.Count} passed");
        foreach (var (name, why) in failures.Where(f => !KnownGaps.ContainsKey(f.Key)))
            output.WriteLine($"FAIL {name}: {why}");
        Assert.Equal(KnownGaps.Keys.Where(k => cases.Any(c => c.Name == k)).Order(StringComparer.Ordinal), failures.Keys.Order(StringComparer.Ordinal));
    }

    private static async Task<string?> RunAsync(RuntimeNode node, ExecutionCase c, string id)
    {
        // Cases recorded on an EXPRESS machine are registered as one, as Step Functions' CreateStateMachine would.
        var type = c.Tags.Contains("express") ? StateMachineType.Express : StateMachineType.Standard;
        var registration = await node.Registry.RegisterAsync("ConformanceMachine-" + id, c.Data["definition"]!.ToJsonString(), type);
        if (!registration.IsValid) return "rejected: " + string.Join("; ", registration.Problems);
        var input = SagaJson.Parse(c.Data["input"]?.ToJsonString() ?? "null");
        await node.Client.StartAsync(registration.Record!.Name, input, id);
        var saga = await node.RunToEndAsync(id);

        var expected = c.Data["expected"]!.AsObject();
        var tokens = c.Data["placeholder_tokens"]?.AsArray().Select(t => (string)t!).ToList() ?? [];
        var status = saga.Status switch
        {
            SagaStatus.Succeeded => "SUCCEEDED",
            SagaStatus.Failed => "FAILED",
            _ => saga.Status.ToString().ToUpperInvariant(),
        };
        var actualOutput = saga.Output is { } o ? JsonNode.Parse(o.GetRawText()) : null;
        var actual = $"status {status}, output {JsonNodes.ToJson(actualOutput)}, error '{saga.Error?.Error}', cause '{saga.Error?.Cause}'";
        if ((string)expected["status"]! != status) return $"expected {expected["status"]} but got {actual}";
        if (status == "SUCCEEDED")
            return PlaceholderComparer.Matches(expected["output"], actualOutput, tokens) ? null : $"expected output {JsonNodes.ToJson(expected["output"])} but got {actual}";
        var errorOk = PlaceholderComparer.StringMatches((string?)expected["error"], Empty(saga.Error?.Error), tokens);
        var causeOk = PlaceholderComparer.StringMatches((string?)expected["cause"], Empty(saga.Error?.Cause), tokens);
        return errorOk && causeOk ? null : $"expected error '{expected["error"]}' cause '{expected["cause"]}' but got {actual}";
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
