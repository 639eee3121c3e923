using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Tests.Jsonata;

/// <summary>
/// The JSONata conformance suite of the reference implementation (MIT, README and licence kept with it), copied with
/// the test binaries from Jsonata/Suite.
/// </summary>
internal static class JsonataSuite
{
    private static readonly Lazy<string> RootPath = new(Locate);
    private static readonly Lazy<IReadOnlyList<JsonataCase>> AllCases = new(Load);

    public static string Root => RootPath.Value;

    public static IReadOnlyList<JsonataCase> Cases => AllCases.Value;

    private static string Locate()
    {
        var suite = Path.Combine(AppContext.BaseDirectory, "Jsonata", "Suite");
        return Directory.Exists(Path.Combine(suite, "groups"))
            ? suite
            : throw new InvalidOperationException($"The JSONata conformance suite is missing from {suite}; it is copied there from tests/OrleansSagas.StatesLanguage.Tests/Jsonata/Suite by the build.");
    }

    private static List<JsonataCase> Load()
    {
        var datasets = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "datasets"), "*.json"))
        {
            datasets[Path.GetFileNameWithoutExtension(file)] = JsonNode.Parse(File.ReadAllText(file));
        }

        var cases = new List<JsonataCase>();
        var groups = Directory.EnumerateDirectories(Path.Combine(Root, "groups")).Order(StringComparer.Ordinal);
        foreach (var groupDir in groups)
        {
            var group = Path.GetFileName(groupDir);
            foreach (var file in Directory.EnumerateFiles(groupDir, "*.json").Order(StringComparer.Ordinal))
            {
                var name = group + "/" + Path.GetFileNameWithoutExtension(file);
                var node = JsonNode.Parse(EscapeLoneSurrogates(File.ReadAllText(file)));
                if (node is JsonArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        cases.Add(Create($"{name}[{i}]", group, array[i]!.AsObject(), datasets));
                    }
                }
                else
                {
                    cases.Add(Create(name, group, node!.AsObject(), datasets));
                }
            }
        }

        return cases;
    }

    private static JsonataCase Create(string name, string group, JsonObject spec, Dictionary<string, JsonNode?> datasets)
    {
        var expression = (string?)spec["expr"] ?? ReadExpressionFile(group, (string)spec["expr-file"]!);
        JsonNode? input = null;
        var hasInput = false;
        if (spec.ContainsKey("data"))
        {
            input = spec["data"]?.DeepClone();
            hasInput = true;
        }
        else if (spec["dataset"] is JsonValue dataset)
        {
            input = datasets[(string)dataset!]?.DeepClone();
            hasInput = true;
        }

        var error = spec["error"] as JsonObject;
        return new JsonataCase(
            name,
            expression,
            hasInput,
            input,
            spec["bindings"] as JsonObject,
            (int?)spec["timelimit"],
            (int?)spec["depth"],
            spec.ContainsKey("result"),
            spec["result"]?.DeepClone(),
            (bool?)spec["undefinedResult"] == true,
            (string?)spec["code"] ?? (string?)error?["code"],
            (string?)spec["token"] ?? (string?)error?["token"],
            (bool?)spec["unordered"] == true);
    }

    /// <summary>
    /// System.Text.Json cannot read a lone surrogate escape (one case has one inside a JSONata string literal), so it
    /// is escaped once more and the JSONata lexer decodes it instead.
    /// </summary>
    private static string EscapeLoneSurrogates(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @"(?<!\\)\\u(D[89AB][0-9A-F]{2})(?!\\uD[C-F])", @"\\u$1",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private static string ReadExpressionFile(string group, string file)
    {
        var shared = Path.Combine(Root, "groups", group, file);
        if (File.Exists(shared))
        {
            return File.ReadAllText(shared);
        }

        return File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Jsonata", "ExpressionFiles", group, file));
    }
}
