using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.JsonPath;

namespace OrleansSagas.StatesLanguage.DataFlow;

/// <summary>The JSONPath data-flow steps: InputPath, ResultPath and OutputPath.</summary>
internal static class StateDataFlow
{
    /// <summary>InputPath/OutputPath: absent means "$"; an explicit null gives an empty object.</summary>
    public static JsonNode? SelectPath(string? path, bool explicitNull, EvaluationScope scope)
    {
        if (explicitNull)
        {
            return new JsonObject();
        }

        if (path is null || path == "$")
        {
            return JsonNodes.Clone(scope.Input);
        }

        return scope.ResolveOrFail(JsonPathParser.Parse(path));
    }

    /// <summary>ResultPath: absent or "$" replaces the input; null discards the result; otherwise it is placed into a copy of the input.</summary>
    public static JsonNode? ApplyResultPath(JsonNode? rawInput, JsonNode? result, string? resultPath, bool explicitNull, EvaluationScope scope)
    {
        if (explicitNull)
        {
            return JsonNodes.Clone(rawInput);
        }

        if (resultPath is null || resultPath == "$")
        {
            return JsonNodes.Clone(result);
        }

        var path = JsonPathParser.Parse(resultPath);
        var root = JsonNodes.Clone(rawInput);
        if (path.Segments.Count == 0)
        {
            return JsonNodes.Clone(result);
        }

        if (root is not JsonObject and not JsonArray)
        {
            root = new JsonObject();
        }

        var current = root;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var last = i == path.Segments.Count - 1;
            var segment = path.Segments[i];
            switch (segment, current)
            {
                case (ChildSegment child, JsonObject obj):
                    if (last)
                    {
                        obj[child.Name] = JsonNodes.Clone(result);
                    }
                    else
                    {
                        if (!obj.TryGetPropertyValue(child.Name, out var next) || next is not (JsonObject or JsonArray))
                        {
                            next = new JsonObject();
                            obj[child.Name] = next;
                        }

                        current = next;
                    }

                    break;
                case (IndexSegment index, JsonArray arr) when index.Index < arr.Count:
                    if (last)
                    {
                        arr[index.Index] = JsonNodes.Clone(result);
                    }
                    else
                    {
                        current = arr[index.Index] ?? throw ResultPathError(resultPath, rawInput, scope);
                    }

                    break;
                default:
                    throw ResultPathError(resultPath, rawInput, scope);
            }
        }

        return root;
    }

    private static Errors.StateFailureException ResultPathError(string resultPath, JsonNode? input, EvaluationScope scope) =>
        scope.RuntimeError($"Unable to apply ResultPath '{resultPath}' to input '{JsonNodes.ToJson(input)}'");
}
