using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Tests.Jsonata;

/// <summary>One case of the JSONata conformance suite.</summary>
internal sealed record JsonataCase(
    string Name,
    string Expression,
    bool HasInput,
    JsonNode? Input,
    JsonObject? Bindings,
    int? TimeLimit,
    int? Depth,
    bool HasResult,
    JsonNode? Result,
    bool UndefinedResult,
    string? Code,
    string? Token,
    bool Unordered)
{
    public override string ToString() => Name;
}
