using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Json;

namespace OrleansSagas.StatesLanguage.JsonPath;

/// <summary>Selects values from a JSON document with parsed JSONPath segments.</summary>
internal static class JsonPathEvaluator
{
    /// <summary>
    /// Applies a path to a document. A definite path returns its single value (found = false when it does not exist);
    /// an indefinite path always succeeds and returns a (possibly empty) array of copies of the matches.
    /// </summary>
    public static bool TryEvaluate(JsonPathExpression path, JsonNode? document, out JsonNode? result)
    {
        var matches = Select(document, path.Segments, document);
        if (path.IsDefinite)
        {
            result = matches.Count > 0 ? JsonNodes.Clone(matches[0]) : null;
            return matches.Count > 0;
        }

        result = new JsonArray(matches.Select(JsonNodes.Clone).ToArray());
        return true;
    }

    public static List<JsonNode?> Select(JsonNode? start, IReadOnlyList<JsonPathSegment> segments, JsonNode? root)
    {
        var current = new List<JsonNode?> { start };
        foreach (var segment in segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                Apply(segment, node, root, next);
            }

            current = next;
            if (current.Count == 0)
            {
                break;
            }
        }

        return current;
    }

    private static void Apply(JsonPathSegment segment, JsonNode? node, JsonNode? root, List<JsonNode?> output)
    {
        switch (segment)
        {
            case ChildSegment child:
                if (node is JsonObject obj && obj.TryGetPropertyValue(child.Name, out var value))
                {
                    output.Add(value);
                }

                break;
            case ChildUnionSegment union:
                if (node is JsonObject uo)
                {
                    foreach (var name in union.Names)
                    {
                        if (uo.TryGetPropertyValue(name, out var v))
                        {
                            output.Add(v);
                        }
                    }
                }

                break;
            case IndexSegment index:
                AddIndex(node, index.Index, output);
                break;
            case IndexUnionSegment indexes:
                foreach (var i in indexes.Indexes)
                {
                    AddIndex(node, i, output);
                }

                break;
            case LengthOffsetSegment length:
                if (node is JsonArray la)
                {
                    AddIndex(node, la.Count - length.Offset, output);
                }

                break;
            case SliceSegment slice:
                if (node is JsonArray sa)
                {
                    AddSlice(sa, slice, output);
                }

                break;
            case WildcardSegment:
                AddChildren(node, output);
                break;
            case RecursiveSegment recursive:
                foreach (var descendant in SelfAndDescendants(node))
                {
                    Apply(recursive.Inner, descendant, root, output);
                }

                break;
            case FilterSegment filter:
                var candidates = new List<JsonNode?>();
                AddChildren(node, candidates);
                output.AddRange(candidates.Where(c => filter.Filter.Matches(c, root)));
                break;
        }
    }

    private static void AddIndex(JsonNode? node, int index, List<JsonNode?> output)
    {
        if (node is not JsonArray array)
        {
            return;
        }

        var i = index < 0 ? array.Count + index : index;
        if (i >= 0 && i < array.Count)
        {
            output.Add(array[i]);
        }
    }

    private static void AddSlice(JsonArray array, SliceSegment slice, List<JsonNode?> output)
    {
        var count = array.Count;
        var step = slice.Step ?? 1;
        if (step == 0)
        {
            return;
        }

        int Normalize(int value) => value < 0 ? Math.Max(0, count + value) : Math.Min(value, count);
        if (step > 0)
        {
            var start = slice.Start is { } s ? Normalize(s) : 0;
            var end = slice.End is { } e ? Normalize(e) : count;
            for (var i = start; i < end; i += step)
            {
                output.Add(array[i]);
            }
        }
        else
        {
            var start = slice.Start is { } s ? Math.Min(Normalize(s), count - 1) : count - 1;
            var end = slice.End is { } e ? Normalize(e) : -1;
            for (var i = start; i > end; i += step)
            {
                output.Add(array[i]);
            }
        }
    }

    private static void AddChildren(JsonNode? node, List<JsonNode?> output)
    {
        switch (node)
        {
            case JsonObject obj:
                output.AddRange(obj.Select(p => p.Value));
                break;
            case JsonArray arr:
                output.AddRange(arr);
                break;
        }
    }

    private static IEnumerable<JsonNode?> SelfAndDescendants(JsonNode? node)
    {
        yield return node;
        var children = new List<JsonNode?>();
        AddChildren(node, children);
        foreach (var child in children)
        {
            foreach (var d in SelfAndDescendants(child))
            {
                yield return d;
            }
        }
    }
}
