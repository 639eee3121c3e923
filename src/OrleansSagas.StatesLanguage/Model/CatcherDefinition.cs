using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Model;

/// <summary>One element of a Catch array.</summary>
internal sealed class CatcherDefinition
{
    public required IReadOnlyList<string> ErrorEquals { get; init; }

    public required string Next { get; init; }

    public string? ResultPath { get; init; }

    public bool ResultPathIsNull { get; init; }

    public JsonObject? Assign { get; init; }

    /// <summary>JSONata states: the catcher's Output template, when it has one.</summary>
    public (JsonNode? Template, bool Present) Output { get; init; }
}
