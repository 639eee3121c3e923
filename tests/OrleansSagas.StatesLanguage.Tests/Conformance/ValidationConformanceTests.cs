using OrleansSagas.StatesLanguage.Parsing;
using OrleansSagas.StatesLanguage.Tests.Conformance;

namespace OrleansSagas.StatesLanguage.Tests.Conformance;

public sealed class ValidationConformanceTests
{
    public static TheoryData<string> ValidCases() => Cases("validation/valid");

    public static TheoryData<string> InvalidCases() => Cases("validation/invalid");

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_definition_is_accepted(string file)
    {
        var data = ConformanceData.Load(file);
        var result = StateMachineParser.Validate(data["definition"]!.ToJsonString());
        Assert.True(result.IsValid, $"{data["name"]} should be valid but: {result}");
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_definition_is_rejected(string file)
    {
        var data = ConformanceData.Load(file);
        var result = StateMachineParser.Validate(data["definition"]!.ToJsonString());
        Assert.False(result.IsValid, $"{data["name"]} should be rejected");
        Assert.All(result.Problems, p => Assert.StartsWith("$", p.Path, StringComparison.Ordinal));
        if (data["expected_problems_min"] is { } min)
        {
            Assert.True(result.Problems.Count >= (int)min, $"expected at least {min} problems: {result}");
        }
    }

    private static TheoryData<string> Cases(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in ConformanceData.Files(folder))
        {
            data.Add(ConformanceData.Relative(file));
        }

        return data;
    }
}
