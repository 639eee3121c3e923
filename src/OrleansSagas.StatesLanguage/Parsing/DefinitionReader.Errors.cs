using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Errors;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Reading Retry and Catch arrays.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly HashSet<string> RetrierFields = ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"];
    private static readonly HashSet<string> CatcherFields = ["ErrorEquals", "Next", "ResultPath", "Assign", "Output", "Comment"];

    private List<RetrierDefinition> ReadRetriers(JsonObject obj, string path)
    {
        var result = new List<RetrierDefinition>();
        foreach (var (item, itemPath, isLast) in ErrorHandlerItems(obj, "Retry", path))
        {
            CheckFields(item, itemPath, RetrierFields, "a retrier");
            var errors = ReadErrorEquals(item, itemPath, isLast);
            var jitter = OptionalString(item, "JitterStrategy", itemPath) ?? "NONE";
            if (jitter is not ("FULL" or "NONE"))
            {
                _problems.Add(ProblemCollector.Child(itemPath, "JitterStrategy"), $"JitterStrategy '{jitter}' is not one of the allowed values [\"FULL\", \"NONE\"].");
            }

            result.Add(new RetrierDefinition
            {
                ErrorEquals = errors,
                IntervalSeconds = OptionalInt(item, "IntervalSeconds", itemPath, min: 1, max: 99_999_999) ?? 1,
                MaxAttempts = OptionalInt(item, "MaxAttempts", itemPath, min: 0, max: 99_999_999) ?? 3,
                BackoffRate = OptionalNumber(item, "BackoffRate", itemPath, min: 1) ?? 2.0,
                MaxDelaySeconds = OptionalInt(item, "MaxDelaySeconds", itemPath, min: 1, max: 31_622_400),
                JitterStrategy = jitter,
            });
        }

        return result;
    }

    private List<CatcherDefinition> ReadCatchers(JsonObject obj, string path, bool jsonata)
    {
        var result = new List<CatcherDefinition>();
        foreach (var (item, itemPath, isLast) in ErrorHandlerItems(obj, "Catch", path))
        {
            CheckFields(item, itemPath, CatcherFields, "a catcher");
            var errors = ReadErrorEquals(item, itemPath, isLast);
            var next = RequiredString(item, "Next", itemPath);
            if (next is not null)
            {
                CheckTarget(next, ProblemCollector.Child(itemPath, "Next"));
            }

            var (resultPath, resultNull) = jsonata ? (null, false) : OptionalPath(item, "ResultPath", itemPath, PathKind.Reference, nullable: true);
            if (jsonata && item.ContainsKey("ResultPath"))
            {
                _problems.Add(ProblemCollector.Child(itemPath, "ResultPath"), "ResultPath is a JSONPath field and is not allowed in a state that uses JSONata.");
            }

            if (!jsonata && item.ContainsKey("Output"))
            {
                _problems.Add(ProblemCollector.Child(itemPath, "Output"), "Output is a JSONata field and is only allowed in a state that uses JSONata.");
            }
            else if (jsonata && item.TryGetPropertyValue("Output", out var catcherOutput))
            {
                CheckJsonataValues(catcherOutput, ProblemCollector.Child(itemPath, "Output"));
            }

            result.Add(new CatcherDefinition
            {
                ErrorEquals = errors,
                Next = next ?? string.Empty,
                ResultPath = resultPath,
                ResultPathIsNull = resultNull,
                Assign = ReadAssign(item, itemPath, jsonata),
                Output = jsonata && item.TryGetPropertyValue("Output", out var output) ? (output?.DeepClone(), true) : (null, false),
            });
        }

        return result;
    }

    private IEnumerable<(JsonObject Item, string Path, bool IsLast)> ErrorHandlerItems(JsonObject obj, string field, string path)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            yield break;
        }

        var fieldPath = ProblemCollector.Child(path, field);
        if (node is not JsonArray array)
        {
            _problems.Add(fieldPath, $"'{field}' must be an array.");
            yield break;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = ProblemCollector.Index(fieldPath, i);
            if (array[i] is JsonObject item)
            {
                yield return (item, itemPath, i == array.Count - 1);
            }
            else
            {
                _problems.Add(itemPath, $"Each element of '{field}' must be an object.");
            }
        }
    }

    private List<string> ReadErrorEquals(JsonObject item, string path, bool isLast)
    {
        var fieldPath = ProblemCollector.Child(path, "ErrorEquals");
        if (!item.TryGetPropertyValue("ErrorEquals", out var node))
        {
            _problems.Add(path, "Missing required field 'ErrorEquals'.");
            return [];
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            _problems.Add(fieldPath, "'ErrorEquals' must be a non-empty array of error names.");
            return [];
        }

        var names = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                var name = v.GetValue<string>();
                names.Add(name);
                if (name.StartsWith("States.", StringComparison.Ordinal) && !AslErrorNames.Predefined.Contains(name))
                {
                    _problems.Add(ProblemCollector.Index(fieldPath, i), $"'{name}' is not a predefined error name; names starting with 'States.' are reserved.");
                }
            }
            else
            {
                _problems.Add(ProblemCollector.Index(fieldPath, i), "Error names must be strings.");
            }
        }

        if (names.Contains(AslErrorNames.All) && (names.Count > 1 || !isLast))
        {
            _problems.Add(fieldPath, "States.ALL must appear alone in ErrorEquals and only in the last retrier or catcher.");
        }

        return names;
    }

    private void CheckFields(JsonObject obj, string path, HashSet<string> allowed, string what)
    {
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key))
            {
                _problems.Add(ProblemCollector.Child(path, key), $"Field '{key}' is not allowed in {what}.");
            }
        }
    }
}
