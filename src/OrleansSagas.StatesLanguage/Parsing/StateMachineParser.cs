using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Entry point to read Amazon States Language definitions.</summary>
public static class StateMachineParser
{
    /// <summary>The message reported for definitions that use JSONata, which cannot be executed yet.</summary>
    public const string JsonataNotSupportedMessage =
        "JSONata is not supported yet: this runtime only executes JSONPath state machines (QueryLanguage \"JSONPath\").";

    /// <summary>
    /// Checks a definition against the States Language specification and returns every problem found. JSONata
    /// definitions are checked too (the language is valid ASL), even though <see cref="Parse(string)"/> rejects them.
    /// </summary>
    /// <param name="json">The definition as JSON text.</param>
    /// <returns>The problems found, each with the JSON path of the offending node.</returns>
    public static AslValidationResult Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (_, problems, _) = Read(json);
        return new AslValidationResult(problems);
    }

    /// <summary>Parses and validates a definition for execution.</summary>
    /// <param name="json">The definition as JSON text.</param>
    /// <returns>The parsed definition.</returns>
    /// <exception cref="AslValidationException">The definition is invalid, or uses JSONata (not supported yet).</exception>
    public static StateMachineDefinition Parse(string json)
    {
        var result = TryParse(json, out var definition);
        return definition ?? throw new AslValidationException(result);
    }

    /// <summary>Parses a definition for execution without throwing.</summary>
    /// <param name="json">The definition as JSON text.</param>
    /// <param name="definition">The parsed definition, or null when there are problems.</param>
    /// <returns>The validation result; <see cref="AslValidationResult.IsValid"/> tells whether <paramref name="definition"/> is set.</returns>
    public static AslValidationResult TryParse(string json, out StateMachineDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(json);
        definition = null;
        var (machine, problems, usesJsonata) = Read(json);
        if (problems.Count == 0 && usesJsonata)
        {
            problems = [new AslProblem("$.QueryLanguage", JsonataNotSupportedMessage)];
        }
        else if (usesJsonata)
        {
            problems = [.. problems, new AslProblem("$.QueryLanguage", JsonataNotSupportedMessage)];
        }

        if (problems.Count == 0 && machine is not null)
        {
            definition = new StateMachineDefinition(machine, json);
        }

        return new AslValidationResult(problems);
    }

    private static (MachineModel? Machine, IReadOnlyList<AslProblem> Problems, bool UsesJsonata) Read(string json)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException ex)
        {
            return (null, [new AslProblem("$", $"The definition is not valid JSON: {ex.Message}")], false);
        }

        var (machine, collector) = DefinitionReader.Read(document);
        return (machine, collector.Problems, collector.UsesJsonata);
    }
}
