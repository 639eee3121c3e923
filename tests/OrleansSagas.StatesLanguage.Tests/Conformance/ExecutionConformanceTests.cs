using Xunit.Abstractions;

namespace OrleansSagas.StatesLanguage.Tests.Conformance;

public sealed class ExecutionConformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Cases this runtime cannot match yet, with the reason. The tests assert that exactly these fail, so fixing one
    /// forces its removal from the list.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> KnownGaps = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in ExecutionCase.All.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Execution_matches_the_AWS_recording(string name)
    {
        var failure = ExecutionCase.All[name].Run();
        if (KnownGaps.TryGetValue(name, out var reason))
        {
            Assert.True(failure is not null, $"'{name}' now passes: remove it from KnownGaps ({reason}).");
            return;
        }

        Assert.True(failure is null, failure);
    }

    [Fact]
    public void Summary_per_category_is_written_and_only_known_gaps_fail()
    {
        var results = ExecutionCase.All.Values.Select(c => (Case: c, Failure: c.Run())).ToList();
        var lines = new List<string>();
        foreach (var group in results.GroupBy(r => r.Case.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var jsonPath = group.Where(r => !r.Case.IsJsonata).ToList();
            var jsonata = group.Where(r => r.Case.IsJsonata).ToList();
            lines.Add($"conformance {group.Key}: {jsonPath.Count(r => r.Failure is null)}/{jsonPath.Count} passed (JSONPath)"
                + (jsonata.Count > 0 ? $", {jsonata.Count(r => r.Failure is null)}/{jsonata.Count} passed (JSONata)" : string.Empty));
        }

        var allJsonPath = results.Where(r => !r.Case.IsJsonata).ToList();
        var allJsonata = results.Where(r => r.Case.IsJsonata).ToList();
        lines.Add($"conformance total: {allJsonPath.Count(r => r.Failure is null)}/{allJsonPath.Count} passed (JSONPath), "
            + $"{allJsonata.Count(r => r.Failure is null)}/{allJsonata.Count} passed (JSONata)");
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "conformance-summary.txt"), lines);

        var failing = results.Where(r => r.Failure is not null).Select(r => r.Case.Name).Order(StringComparer.Ordinal).ToList();
        foreach (var r in results.Where(r => r.Failure is not null && !KnownGaps.ContainsKey(r.Case.Name)))
        {
            output.WriteLine($"FAIL {r.Case.Name}: {r.Failure}");
        }

        Assert.Equal(KnownGaps.Keys.Order(StringComparer.Ordinal).ToList(), failing);
    }
}
