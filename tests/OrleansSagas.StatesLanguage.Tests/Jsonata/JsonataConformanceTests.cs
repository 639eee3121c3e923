namespace OrleansSagas.StatesLanguage.Tests.Jsonata;

/// <summary>
/// The JSONata conformance suite: every case passes except those listed, with a reason, in
/// JsonataKnownExceptions.txt, and that list is exact (a listed case that starts passing fails the test too).
/// </summary>
public sealed class JsonataConformanceTests
{
    private const double RequiredPassRate = 0.98;

    [Fact]
    public void Suite_is_complete()
    {
        Assert.Equal(1212, JsonataSuite.Cases.Count);
    }

    [Fact]
    public void Every_case_passes_except_the_known_exceptions()
    {
        var known = JsonataKnownExceptions.Load();
        var failures = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in JsonataSuite.Cases)
        {
            if (JsonataCaseRunner.Run(c) is { } failure)
            {
                failures[c.Name] = failure;
            }
        }

        var unexpected = failures.Where(f => !known.ContainsKey(f.Key)).Select(f => $"{f.Key}: {f.Value}").ToList();
        var nowPassing = known.Keys.Where(k => !failures.ContainsKey(k)).ToList();
        var unknownNames = known.Keys.Where(k => JsonataSuite.Cases.All(c => c.Name != k)).ToList();
        Assert.True(unexpected.Count == 0 && nowPassing.Count == 0 && unknownNames.Count == 0,
            $"{unexpected.Count} unexpected failures:\n{string.Join("\n", unexpected)}\n" +
            $"{nowPassing.Count} known exceptions now pass (remove them from the list):\n{string.Join("\n", nowPassing)}\n" +
            $"{unknownNames.Count} listed names are not cases:\n{string.Join("\n", unknownNames)}");

        var passRate = 1 - ((double)failures.Count / JsonataSuite.Cases.Count);
        Assert.True(passRate >= RequiredPassRate, $"pass rate {passRate:P2} is below {RequiredPassRate:P0}");
    }
}
