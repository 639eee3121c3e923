using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansSagas.StatesLanguage.Intrinsics;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.JsonPath;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Typed field readers and the checks of paths, templates and resources.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly Regex VariableName = new(@"^[^\s.$\[\]]+$", RegexOptions.Compiled);
    private static readonly Regex LambdaArn = new(@"^arn:[^:]+:lambda:[^:]*:[^:]*:function:[A-Za-z0-9\-_]+(:(\$LATEST|[A-Za-z0-9\-_]+))?$", RegexOptions.Compiled);

    private enum PathKind
    {
        /// <summary>InputPath, OutputPath, Variable, …Path operands: any JSONPath rooted at $, $$ or a variable.</summary>
        Any,

        /// <summary>ResultPath: a reference path on the input (names and indexes only).</summary>
        Reference,

        /// <summary>ErrorPath and CausePath also accept an intrinsic call.</summary>
        PathOrIntrinsic,
    }

    private string? RequiredString(JsonObject obj, string name, string path)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            _problems.Add(path, $"Missing required field '{name}'.");
            return null;
        }

        return AsString(node, ProblemCollector.Child(path, name), name);
    }

    private string? OptionalString(JsonObject obj, string name, string path) =>
        obj.TryGetPropertyValue(name, out var node) ? AsString(node, ProblemCollector.Child(path, name), name) : null;

    private string? AsString(JsonNode? node, string path, string name)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        _problems.Add(path, $"'{name}' must be a string.");
        return null;
    }

    private int? OptionalInt(JsonObject obj, string name, string path, int min = 0, int max = int.MaxValue)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        var fieldPath = ProblemCollector.Child(path, name);
        if (IsJsonataString(node))
        {
            CheckJsonataExpression(node!.GetValue<string>(), fieldPath);
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long value) && value >= min && value <= max)
        {
            return (int)Math.Min(value, int.MaxValue);
        }

        _problems.Add(fieldPath, max == int.MaxValue ? $"'{name}' must be an integer >= {min}." : $"'{name}' must be an integer between {min} and {max}.");
        return null;
    }

    private double? OptionalNumber(JsonObject obj, string name, string path, double min, double max = double.MaxValue)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        var fieldPath = ProblemCollector.Child(path, name);
        if (IsJsonataString(node))
        {
            CheckJsonataExpression(node!.GetValue<string>(), fieldPath);
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double value) && value >= min && value <= max)
        {
            return value;
        }

        _problems.Add(fieldPath, max == double.MaxValue ? $"'{name}' must be a number >= {min}." : $"'{name}' must be a number between {min} and {max}.");
        return null;
    }

    private bool OptionalBool(JsonObject obj, string name, string path)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }

        _problems.Add(ProblemCollector.Child(path, name), $"'{name}' must be a boolean.");
        return false;
    }

    /// <summary>Reads a path field; returns (text, explicitNull).</summary>
    private (string? Text, bool IsNull) OptionalPath(JsonObject obj, string name, string path, PathKind kind, bool nullable)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return (null, false);
        }

        var fieldPath = ProblemCollector.Child(path, name);
        if (node is null)
        {
            if (!nullable)
            {
                _problems.Add(fieldPath, $"'{name}' must not be null.");
            }

            return (null, true);
        }

        var text = AsString(node, fieldPath, name);
        if (text is not null && !CheckPathText(text, fieldPath, name, kind))
        {
            return (null, false);
        }

        return (text, false);
    }

    private bool CheckPathText(string text, string fieldPath, string name, PathKind kind)
    {
        if (kind == PathKind.PathOrIntrinsic && IntrinsicParser.LooksLikeCall(text))
        {
            return CheckIntrinsic(text, fieldPath);
        }

        if (!JsonPathParser.TryParse(text, out var parsed, out var error))
        {
            _problems.Add(fieldPath, $"'{name}' is not a valid JSONPath: {error}");
            return false;
        }

        if (kind == PathKind.Reference && !parsed!.IsReferencePath)
        {
            _problems.Add(fieldPath, $"'{name}' must be a reference path on the state input ($ followed by names and indexes only): '{text}'.");
            return false;
        }

        return true;
    }

    private bool CheckIntrinsic(string text, string fieldPath)
    {
        if (IntrinsicParser.TryParse(text, out _, out var error))
        {
            return true;
        }

        _problems.Add(fieldPath, $"Invalid intrinsic function call: {error}");
        return false;
    }

    /// <summary>Payload templates: every "key.$" must hold a path or an intrinsic call, and keys must stay unique once ".$" is removed.</summary>
    private void CheckTemplate(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    var fieldPath = ProblemCollector.Child(path, key);
                    var isDynamic = key.EndsWith(".$", StringComparison.Ordinal);
                    var outputKey = isDynamic ? key[..^2] : key;
                    if (!seen.Add(outputKey))
                    {
                        _problems.Add(fieldPath, $"Field '{outputKey}' is defined twice (with and without the '.$' suffix).");
                    }

                    if (!isDynamic)
                    {
                        CheckTemplate(value, fieldPath);
                    }
                    else if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                    {
                        _problems.Add(fieldPath, $"The value of '{key}' must be a string holding a JSONPath or an intrinsic function call.");
                    }
                    else
                    {
                        var text = v.GetValue<string>();
                        if (IntrinsicParser.LooksLikeCall(text))
                        {
                            CheckIntrinsic(text, fieldPath);
                        }
                        else if (!JsonPathParser.TryParse(text, out _, out var error))
                        {
                            _problems.Add(fieldPath, $"The value of '{key}' is not a JSONPath or intrinsic function expression: {error}");
                        }
                    }
                }

                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    CheckTemplate(arr[i], ProblemCollector.Index(path, i));
                }

                break;
        }
    }

    private JsonObject? ReadAssign(JsonObject obj, string path, bool jsonata)
    {
        if (!obj.TryGetPropertyValue("Assign", out var node))
        {
            return null;
        }

        var fieldPath = ProblemCollector.Child(path, "Assign");
        if (node is not JsonObject assign)
        {
            _problems.Add(fieldPath, "'Assign' must be an object.");
            return null;
        }

        foreach (var (key, value) in assign)
        {
            var name = !jsonata && key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (!VariableName.IsMatch(name))
            {
                _problems.Add(ProblemCollector.Child(fieldPath, key), $"'{name}' is not a valid variable name (it must not be empty or contain spaces, '.', '$' or brackets).");
            }
        }

        if (jsonata)
        {
            CheckJsonataValues(assign, fieldPath);
        }
        else
        {
            CheckTemplate(assign, fieldPath);
        }

        return assign;
    }

    private string? ReadResource(JsonObject obj, string path)
    {
        var fieldPath = ProblemCollector.Child(path, "Resource");
        if (!obj.TryGetPropertyValue("Resource", out var node))
        {
            _problems.Add(path, "Missing required field 'Resource'.");
            return null;
        }

        if (node is JsonObject cfn && cfn.Count == 1 && cfn.Single().Key is var k && (k == "Ref" || k.StartsWith("Fn::", StringComparison.Ordinal)))
        {
            // A CloudFormation intrinsic (Ref / Fn::GetAtt) resolved when the template is deployed.
            return JsonNodes.ToJson(cfn);
        }

        var text = AsString(node, fieldPath, "Resource");
        if (text is null)
        {
            return null;
        }

        var substitution = text.StartsWith("${", StringComparison.Ordinal);
        var valid = substitution
            ? text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1
            : Regex.IsMatch(text, @"^[A-Za-z][A-Za-z0-9+.\-_]*:\S+$")
              && (!text.Contains(":lambda:", StringComparison.Ordinal) || !text.Contains(":function:", StringComparison.Ordinal) || LambdaArn.IsMatch(text));
        if (!valid)
        {
            _problems.Add(fieldPath, $"Resource '{text}' is not a valid URI (e.g. an ARN, or 'handler:name').");
        }

        return text;
    }
}
