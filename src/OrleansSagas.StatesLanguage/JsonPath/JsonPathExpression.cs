using System.Text;

namespace OrleansSagas.StatesLanguage.JsonPath;

/// <summary>A parsed JSONPath as Step Functions understands it ($, $$ or $variable followed by selectors).</summary>
internal sealed class JsonPathExpression
{
    public JsonPathExpression(string text, JsonPathRoot root, string? variableName, IReadOnlyList<JsonPathSegment> segments)
    {
        Text = text;
        Root = root;
        VariableName = variableName;
        Segments = segments;
        IsDefinite = segments.All(s => s.IsDefinite);
    }

    public string Text { get; }

    public JsonPathRoot Root { get; }

    public string? VariableName { get; }

    public IReadOnlyList<JsonPathSegment> Segments { get; }

    /// <summary>A definite path selects one value; an indefinite one (wildcards, slices, filters) an array.</summary>
    public bool IsDefinite { get; }

    /// <summary>Reference paths (ResultPath) may only use names and non-negative indexes on the input.</summary>
    public bool IsReferencePath => Root == JsonPathRoot.Input
        && Segments.All(s => s is ChildSegment || s is IndexSegment { Index: >= 0 });

    /// <summary>The bracket form Jayway prints in "No results for path" messages, e.g. $['a']['b'][0].</summary>
    public string NormalizedText
    {
        get
        {
            var sb = new StringBuilder(Root switch
            {
                JsonPathRoot.Context => "$$",
                JsonPathRoot.Variable => "$" + VariableName,
                _ => "$",
            });
            foreach (var segment in Segments)
            {
                sb.Append(segment switch
                {
                    ChildSegment c => $"['{c.Name}']",
                    IndexSegment i => $"[{i.Index}]",
                    WildcardSegment => "[*]",
                    ChildUnionSegment u => "[" + string.Join(",", u.Names.Select(n => $"'{n}'")) + "]",
                    IndexUnionSegment iu => "[" + string.Join(",", iu.Indexes) + "]",
                    SliceSegment s => $"[{s.Start}:{s.End}{(s.Step is null ? string.Empty : ":" + s.Step)}]",
                    RecursiveSegment r => ".." + (r.Inner is ChildSegment rc ? $"['{rc.Name}']" : "[*]"),
                    FilterSegment => "[?]",
                    LengthOffsetSegment l => $"[(@.length-{l.Offset})]",
                    _ => string.Empty,
                });
            }

            return sb.ToString();
        }
    }

    public override string ToString() => Text;
}
