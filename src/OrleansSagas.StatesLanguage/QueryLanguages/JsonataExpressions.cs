using System.Collections.Concurrent;
using OrleansSagas.StatesLanguage.Jsonata;

namespace OrleansSagas.StatesLanguage.QueryLanguages;

/// <summary>
/// The JSONata expressions of one definition, parsed when the definition is read and shared by all its executions
/// (keyed by the text between "{%" and "%}").
/// </summary>
internal sealed class JsonataExpressions
{
    private readonly ConcurrentDictionary<string, JsonataExpression> _parsed = new(StringComparer.Ordinal);

    /// <summary>How many distinct expressions have been parsed.</summary>
    public int Count => _parsed.Count;

    /// <summary>The body of a "{% … %}" string, or null when the string is a plain literal.</summary>
    public static string? BodyOf(string text) =>
        text.Length >= 4 && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal)
            ? text[2..^2].Trim()
            : null;

    /// <summary>Parses (once) and keeps an expression; a syntax error throws <see cref="JsonataException"/>.</summary>
    public JsonataExpression Get(string body) => _parsed.GetOrAdd(body, JsonataExpression.Parse);
}
