using System.Text.RegularExpressions;

namespace OrleansSagas.StatesLanguage.Validation;

/// <summary>Accumulates problems while a definition is read.</summary>
internal sealed partial class ProblemCollector
{
    private readonly List<AslProblem> _problems = [];

    public IReadOnlyList<AslProblem> Problems => _problems;

    public bool UsesJsonata { get; set; }

    public void Add(string path, string message) => _problems.Add(new AslProblem(path, message));

    /// <summary>Appends a property name to a JSON path, using bracket notation when the name is not a plain identifier.</summary>
    public static string Child(string path, string name) =>
        PlainName().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string path, int index) => $"{path}[{index}]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();
}
