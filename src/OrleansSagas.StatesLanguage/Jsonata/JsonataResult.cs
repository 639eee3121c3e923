using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Jsonata;

/// <summary>The result of an evaluation: a JSON value (possibly JSON null), or undefined (no value at all).</summary>
public readonly record struct JsonataResult
{
    /// <summary>The undefined result.</summary>
    public static JsonataResult Undefined => default;

    /// <summary>Creates a defined result.</summary>
    public JsonataResult(JsonNode? value)
    {
        Value = value;
        IsDefined = true;
    }

    /// <summary>Whether the expression produced a value; false means undefined.</summary>
    public bool IsDefined { get; }

    /// <summary>The value (null for JSON null or undefined).</summary>
    public JsonNode? Value { get; }
}
