using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansSagas.StatesLanguage.Jsonata;
using OrleansSagas.StatesLanguage.QueryLanguages;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Validation of JSONata expressions ("{% expression %}") found in JSONata states.</summary>
internal sealed partial class DefinitionReader
{
    private readonly JsonataExpressions _jsonata = new();

    private static readonly Regex Surround = new(@"^\{%\s.*\s%\}$", RegexOptions.Compiled);

    private static bool IsJsonataString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
        && (v.GetValue<string>().StartsWith("{%", StringComparison.Ordinal) || v.GetValue<string>().EndsWith("%}", StringComparison.Ordinal));

    private void CheckJsonataValues(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    CheckJsonataValues(value, ProblemCollector.Child(path, key));
                }

                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    CheckJsonataValues(arr[i], ProblemCollector.Index(path, i));
                }

                break;
            default:
                if (IsJsonataString(node))
                {
                    CheckJsonataExpression(node!.GetValue<string>(), path);
                }

                break;
        }
    }

    private void CheckJsonataExpression(string text, string path)
    {
        if (!Surround.IsMatch(text))
        {
            _problems.Add(path, "A JSONata expression must be written as \"{% expression %}\" (one space after '{%' and before '%}', on one line).");
            return;
        }

        try
        {
            _jsonata.Get(JsonataExpressions.BodyOf(text)!);
        }
        catch (JsonataException ex)
        {
            _problems.Add(path, $"Invalid JSONata expression: {ex.Code} at position {ex.Position}: {ex.Message}.");
        }
    }
}
