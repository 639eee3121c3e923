using System.Text.Json;
using OrleansSagas.Client;

namespace OrleansSagas.Server.Api;

/// <summary>The body of <c>POST /api/sagas</c>: <c>{"definition": "…", "id": "optional", "input": {…}}</c>.</summary>
internal sealed record StartRequest(string Definition, string? Id, JsonElement Input)
{
    private static readonly string[] Fields = ["definition", "id", "input"];

    public static StartRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new SagaInputException("body", $"The request body must be a JSON object with 'definition' and 'input' (was {Describe(body.ValueKind)}).");
        foreach (var property in body.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                throw new SagaInputException(property.Name, $"Unknown field '{property.Name}'; expected {string.Join(", ", Fields)}.");
        }
        if (!body.TryGetProperty("definition", out var definition) || definition.ValueKind == JsonValueKind.Null)
            throw new SagaInputException("definition", "The field 'definition' is required.");
        if (definition.ValueKind != JsonValueKind.String)
            throw new SagaInputException("definition", $"The field 'definition' must be a string (was {Describe(definition.ValueKind)}).");
        if (string.IsNullOrWhiteSpace(definition.GetString()))
            throw new SagaInputException("definition", "The field 'definition' must not be empty.");

        string? id = null;
        if (body.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.String)
                throw new SagaInputException("id", $"The field 'id' must be a string (was {Describe(idElement.ValueKind)}).");
            id = idElement.GetString();
        }

        var input = body.TryGetProperty("input", out var inputElement) ? inputElement.Clone() : SagaJson.Parse("null");
        return new StartRequest(definition.GetString()!, id, input);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
