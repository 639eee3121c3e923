using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Entry point to read Amazon States Language definitions.</summary>
public static class StateMachineParser
{
    /// <summary>The message reported for definitions that use JSONata when the caller has not enabled JSONata.</summary>
    public const string JsonataNotSupportedMessage =
        "JSONata is not enabled here: parse with allowJsonata to execute state machines that use QueryLanguage \"JSONata\".";

    /// <summary>
    /// Checks a definition against the States Language specification and returns every problem found, JSONata
    /// expressions included.
    /// </summary>
    /// <param name="json">The definition as JSON text.</param>
    /// <returns>The problems found, each with the JSON path of the offending node.</returns>
    public static AslValidationResult Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (_, problems, _) = Read(json);
        return new AslValidationResult(problems);
    }

    /// <summary>Parses and validates a JSONPath definition for execution (JSONata definitions are refused).</summary>
    /// <param name="json">The definition as JSON text.</param>
    /// <returns>The parsed definition.</returns>
    /// <exception cref="AslValidationException">The definition is invalid, or uses JSONata.</exception>
    public static StateMachineDefinition Parse(string json) => Parse(json, allowJsonata: false);

    /// <summary>Parses and validates a definition for execution.</summary>
    /// <param name="json">The definition as JSON text.</param>
    /// <param name="allowJsonata">Whether states may use the JSONata query language.</param>
    /// <returns>The parsed definition.</returns>
    /// <exception cref="AslValidationException">The definition is invalid, or uses JSONata when that is not allowed.</exception>
    public static StateMachineDefinition Parse(string json, bool allowJsonata)
    {
        var result = TryParse(json, out var definition, allowJsonata);
        return definition ?? throw new AslValidationException(result);
    }

    /// <summary>Parses a JSONPath definition for execution without throwing (JSONata definitions are refused).</summary>
    /// <param name="json">The definition as JSON text.</param>
    /// <param name="definition">The parsed definition, or null when there are problems.</param>
    /// <returns>The validation result; <see cref="AslValidationResult.IsValid"/> tells whether <paramref name="definition"/> is set.</returns>
    public static AslValidationResult TryParse(string json, out StateMachineDefinition? definition) =>
        TryParse(json, out definition, allowJsonata: false);

    /// <summary>Parses a definition for execution without throwing.</summary>
    /// <param name="json">The definition as JSON text.</param>
    /// <param name="definition">The parsed definition, or null when there are problems.</param>
    /// <param name="allowJsonata">Whether states may use the JSONata query language.</param>
    /// <returns>The validation result; <see cref="AslValidationResult.IsValid"/> tells whether <paramref name="definition"/> is set.</returns>
    public static AslValidationResult TryParse(string json, out StateMachineDefinition? definition, bool allowJsonata)
    {
        ArgumentNullException.ThrowIfNull(json);
        definition = null;
        var (machine, problems, usesJsonata) = Read(json);
        usesJsonata &= !allowJsonata;
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
