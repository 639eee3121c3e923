using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Choice;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Reading Choice rules (JSONPath comparisons and combinators, or JSONata Conditions).</summary>
internal sealed partial class DefinitionReader
{
    private StateNode ReadChoice(JsonObject obj, string path, StateNode common, bool jsonata)
    {
        var choicesPath = ProblemCollector.Child(path, "Choices");
        var rules = new List<ChoiceRule>();
        if (!obj.TryGetPropertyValue("Choices", out var node) || node is not JsonArray array || array.Count == 0)
        {
            _problems.Add(obj.ContainsKey("Choices") ? choicesPath : path,
                obj.ContainsKey("Choices") ? "'Choices' must be a non-empty array of rules." : "A Choice state must have 'Choices'.");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (ReadRule(array[i], ProblemCollector.Index(choicesPath, i), topLevel: true, jsonata) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        var defaultTarget = OptionalString(obj, "Default", path);
        if (defaultTarget is not null)
        {
            CheckTarget(defaultTarget, ProblemCollector.Child(path, "Default"));
        }

        return common with { Choices = rules, Default = defaultTarget };
    }

    private ChoiceRule? ReadRule(JsonNode? node, string path, bool topLevel, bool jsonata)
    {
        if (node is not JsonObject obj)
        {
            _problems.Add(path, "A Choice rule must be an object.");
            return null;
        }

        string? next = null;
        if (topLevel)
        {
            next = RequiredString(obj, "Next", path);
            if (next is not null)
            {
                CheckTarget(next, ProblemCollector.Child(path, "Next"));
            }
        }
        else if (obj.ContainsKey("Next"))
        {
            _problems.Add(ProblemCollector.Child(path, "Next"), "Only top-level Choice rules may have 'Next'.");
        }

        var assign = topLevel ? ReadAssign(obj, path, jsonata) : null;
        if (jsonata)
        {
            return ReadJsonataRule(obj, path, topLevel, next, assign);
        }

        var operators = obj.Select(p => p.Key).Where(ChoiceOperators.IsKnown).ToList();
        foreach (var (key, _) in obj)
        {
            if (!ChoiceOperators.IsKnown(key) && key is not ("Variable" or "Comment") && !(topLevel && key is "Next" or "Assign"))
            {
                _problems.Add(ProblemCollector.Child(path, key), $"Field '{key}' is not allowed in a Choice rule.");
            }
        }

        if (operators.Count != 1)
        {
            _problems.Add(path, operators.Count == 0
                ? "A Choice rule needs one comparison operator (e.g. StringEquals, NumericLessThanPath, IsPresent) or And/Or/Not."
                : $"A Choice rule may have only one operator (found {string.Join(", ", operators)}).");
            return null;
        }

        var op = operators[0];
        var operandPath = ProblemCollector.Child(path, op);
        var operand = obj[op];
        if (ChoiceOperators.Combinators.Contains(op))
        {
            if (obj.ContainsKey("Variable"))
            {
                _problems.Add(ProblemCollector.Child(path, "Variable"), $"A '{op}' rule must not have 'Variable'.");
            }

            var children = new List<ChoiceRule>();
            if (op == "Not")
            {
                if (ReadRule(operand, operandPath, topLevel: false, jsonata: false) is { } child)
                {
                    children.Add(child);
                }
            }
            else if (operand is JsonArray list && list.Count > 0)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (ReadRule(list[i], ProblemCollector.Index(operandPath, i), topLevel: false, jsonata: false) is { } child)
                    {
                        children.Add(child);
                    }
                }
            }
            else
            {
                _problems.Add(operandPath, $"'{op}' must be a non-empty array of rules.");
            }

            return new ChoiceRule { Operator = op, Children = children, Next = next, Assign = assign };
        }

        var variable = RequiredString(obj, "Variable", path);
        if (variable is not null)
        {
            CheckPathText(variable, ProblemCollector.Child(path, "Variable"), "Variable", PathKind.Any);
        }

        string? pathOperand = null;
        if (ChoiceOperators.IsPathForm(op))
        {
            pathOperand = AsString(operand, operandPath, op);
            if (pathOperand is not null)
            {
                CheckPathText(pathOperand, operandPath, op, PathKind.Any);
            }
        }
        else
        {
            CheckOperandType(op, operand, operandPath);
        }

        return new ChoiceRule
        {
            Operator = op,
            Variable = variable,
            Operand = pathOperand is null ? JsonNodes.Clone(operand) : null,
            OperandPath = pathOperand,
            Next = next,
            Assign = assign,
        };
    }

    private void CheckOperandType(string op, JsonNode? operand, string path)
    {
        var kind = JsonNodes.Kind(operand);
        var expected = op switch
        {
            _ when op.StartsWith("String", StringComparison.Ordinal) => kind == JsonValueKind.String ? null : "a string",
            _ when op.StartsWith("Numeric", StringComparison.Ordinal) => kind == JsonValueKind.Number ? null : "a number",
            _ when op.StartsWith("Timestamp", StringComparison.Ordinal) =>
                JsonNodes.TryGetString(operand, out var s) && AslTimestamp.TryParse(s, out _) ? null : "an RFC 3339 timestamp string",
            _ => JsonNodes.IsBoolean(operand) ? null : "a boolean",
        };
        if (expected is not null)
        {
            _problems.Add(path, $"The value of '{op}' must be {expected}.");
        }
    }

    private ChoiceRule? ReadJsonataRule(JsonObject obj, string path, bool topLevel, string? next, JsonObject? assign)
    {
        foreach (var (key, value) in obj)
        {
            if (key is "Condition")
            {
                CheckJsonataValues(value, ProblemCollector.Child(path, key));
            }
            else if (key is "Output" && topLevel)
            {
                CheckJsonataValues(value, ProblemCollector.Child(path, key));
            }
            else if (!(key is "Comment" || (topLevel && key is "Next" or "Assign")))
            {
                _problems.Add(ProblemCollector.Child(path, key), $"Field '{key}' is not allowed in a JSONata Choice rule (use 'Condition').");
            }
        }

        if (!obj.ContainsKey("Condition"))
        {
            _problems.Add(path, "A JSONata Choice rule must have a 'Condition'.");
        }

        return new ChoiceRule { Operator = "Condition", Operand = JsonNodes.Clone(obj["Condition"]), Next = next, Assign = assign };
    }
}
