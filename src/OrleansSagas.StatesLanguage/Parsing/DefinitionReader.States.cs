using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Choice;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Reading one state: the fields shared by all types, then the type-specific ones.</summary>
internal sealed partial class DefinitionReader
{
    private StateNode? ReadState(string name, JsonNode? node, string path, QueryLanguage inherited)
    {
        if (node is not JsonObject obj)
        {
            _problems.Add(path, "A state must be a JSON object.");
            return null;
        }

        var typeText = RequiredString(obj, "Type", path);
        if (typeText is null)
        {
            foreach (var (key, _) in obj)
            {
                if (!StateFieldRules.IsKnownField(key))
                {
                    _problems.Add(ProblemCollector.Child(path, key), $"Field '{key}' is not allowed in a state.");
                }
            }

            return null;
        }

        if (!Enum.TryParse<StateType>(typeText, ignoreCase: false, out var type) || !Enum.IsDefined(type) || typeText != type.ToString())
        {
            _problems.Add(ProblemCollector.Child(path, "Type"), $"'{typeText}' is not a state type (Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map).");
            return null;
        }

        var language = ReadQueryLanguage(obj, path, inherited);
        var jsonata = language == QueryLanguage.Jsonata;
        foreach (var (key, _) in obj)
        {
            if (StateFieldRules.Check(type, language, key) is { } why)
            {
                _problems.Add(ProblemCollector.Child(path, key), why);
            }
        }

        OptionalString(obj, "Comment", path);
        var (next, end) = ReadTransition(obj, path, type);
        var (inputPath, inputNull) = OptionalPath(obj, "InputPath", path, PathKind.Any, nullable: true);
        var (outputPath, outputNull) = OptionalPath(obj, "OutputPath", path, PathKind.Any, nullable: true);
        var (resultPath, resultNull) = OptionalPath(obj, "ResultPath", path, PathKind.Reference, nullable: true);
        var hasParameters = obj.TryGetPropertyValue("Parameters", out var parameters);
        if (hasParameters && type != StateType.Map)
        {
            CheckTemplate(parameters, ProblemCollector.Child(path, "Parameters"));
        }

        obj.TryGetPropertyValue("ResultSelector", out var resultSelector);
        CheckTemplate(resultSelector, ProblemCollector.Child(path, "ResultSelector"));
        if (jsonata)
        {
            foreach (var field in new[] { "Arguments", "Output", "Items" })
            {
                if (obj.TryGetPropertyValue(field, out var value))
                {
                    CheckJsonataValues(value, ProblemCollector.Child(path, field));
                }
            }
        }

        var common = new StateNode
        {
            Name = name,
            Type = type,
            QueryLanguage = language,
            Next = next,
            End = end,
            InputPath = inputPath,
            InputPathIsNull = inputNull,
            OutputPath = outputPath,
            OutputPathIsNull = outputNull,
            ResultPath = resultPath,
            ResultPathIsNull = resultNull,
            HasParameters = hasParameters && type != StateType.Map,
            Parameters = type != StateType.Map ? parameters : null,
            ResultSelector = resultSelector,
            HasResult = obj.ContainsKey("Result"),
            Result = obj["Result"],
            Assign = ReadAssign(obj, path, jsonata),
            Retry = ReadRetriers(obj, path),
            Catch = ReadCatchers(obj, path, jsonata),
            Raw = jsonata ? (JsonObject)obj.DeepClone() : null,
        };

        return type switch
        {
            StateType.Task => ReadTask(obj, path, common),
            StateType.Choice => ReadChoice(obj, path, common, jsonata),
            StateType.Wait => ReadWait(obj, path, common),
            StateType.Fail => ReadFail(obj, path, common),
            StateType.Parallel => ReadParallel(obj, path, common, language),
            StateType.Map => ReadMap(obj, path, common, language),
            _ => common,
        };
    }

    private (string? Next, bool End) ReadTransition(JsonObject obj, string path, StateType type)
    {
        var next = OptionalString(obj, "Next", path);
        var end = OptionalBool(obj, "End", path);
        if (next is not null)
        {
            CheckTarget(next, ProblemCollector.Child(path, "Next"));
        }

        if (type is StateType.Choice or StateType.Succeed or StateType.Fail)
        {
            return (next, end);
        }

        if (next is not null && end)
        {
            _problems.Add(path, "A state may have 'Next' or \"End\": true, not both.");
        }
        else if (next is null && !end && !obj.ContainsKey("Next"))
        {
            _problems.Add(path, $"A {type} state must have 'Next' or \"End\": true.");
        }

        return (next, end);
    }

    private void CheckTarget(string target, string path)
    {
        if (_blockStateNames.Count > 0 && !_blockStateNames.Peek().Contains(target))
        {
            _problems.Add(path, $"'{target}' does not name a state in the same block (transitions cannot leave a Parallel branch or Map processor).");
        }
    }

    private void RequireAtMostOne(JsonObject obj, string path, params string[] fields)
    {
        var present = fields.Where(obj.ContainsKey).ToList();
        if (present.Count > 1)
        {
            _problems.Add(path, $"A state may have only one of [{string.Join(", ", fields.Select(f => $"\"{f}\""))}] (found {string.Join(" and ", present)}).");
        }
    }

    private StateNode ReadTask(JsonObject obj, string path, StateNode common)
    {
        var resource = ReadResource(obj, path);
        RequireAtMostOne(obj, path, "TimeoutSeconds", "TimeoutSecondsPath");
        RequireAtMostOne(obj, path, "HeartbeatSeconds", "HeartbeatSecondsPath");
        var timeout = OptionalInt(obj, "TimeoutSeconds", path, min: 1);
        var heartbeat = OptionalInt(obj, "HeartbeatSeconds", path, min: 1);
        if (timeout is not null && heartbeat is not null && heartbeat >= timeout)
        {
            _problems.Add(ProblemCollector.Child(path, "HeartbeatSeconds"), "HeartbeatSeconds must be smaller than TimeoutSeconds.");
        }

        if (obj.TryGetPropertyValue("Credentials", out var credentials))
        {
            if (credentials is not JsonObject)
            {
                _problems.Add(ProblemCollector.Child(path, "Credentials"), "'Credentials' must be an object (a payload template such as {\"RoleArn\": \"...\"}).");
            }
            else
            {
                CheckTemplate(credentials, ProblemCollector.Child(path, "Credentials"));
            }
        }

        return common with
        {
            Resource = resource,
            TimeoutSeconds = timeout,
            HeartbeatSeconds = heartbeat,
            TimeoutSecondsPath = OptionalPath(obj, "TimeoutSecondsPath", path, PathKind.Any, nullable: false).Text,
            HeartbeatSecondsPath = OptionalPath(obj, "HeartbeatSecondsPath", path, PathKind.Any, nullable: false).Text,
        };
    }

    private StateNode ReadWait(JsonObject obj, string path, StateNode common)
    {
        var kinds = new[] { "Seconds", "Timestamp", "SecondsPath", "TimestampPath" };
        var count = kinds.Count(obj.ContainsKey);
        if (count != 1)
        {
            _problems.Add(path, "A Wait state must have exactly one of \"Seconds\", \"Timestamp\", \"SecondsPath\", \"TimestampPath\".");
        }

        var seconds = OptionalInt(obj, "Seconds", path, min: 0);
        var timestamp = obj.ContainsKey("Timestamp") && !IsJsonataString(obj["Timestamp"]) ? OptionalString(obj, "Timestamp", path) : null;
        if (obj.TryGetPropertyValue("Timestamp", out var ts) && IsJsonataString(ts))
        {
            CheckJsonataExpression(ts!.GetValue<string>(), ProblemCollector.Child(path, "Timestamp"));
        }
        else if (timestamp is not null && !AslTimestamp.TryParse(timestamp, out _))
        {
            _problems.Add(ProblemCollector.Child(path, "Timestamp"), $"'{timestamp}' is not an RFC 3339 timestamp (e.g. 2016-03-14T01:59:00Z).");
        }

        return common with
        {
            Seconds = seconds,
            Timestamp = timestamp,
            SecondsPath = OptionalPath(obj, "SecondsPath", path, PathKind.Any, nullable: false).Text,
            TimestampPath = OptionalPath(obj, "TimestampPath", path, PathKind.Any, nullable: false).Text,
        };
    }

    private StateNode ReadFail(JsonObject obj, string path, StateNode common)
    {
        RequireAtMostOne(obj, path, "Error", "ErrorPath");
        RequireAtMostOne(obj, path, "Cause", "CausePath");
        var error = OptionalString(obj, "Error", path);
        var cause = OptionalString(obj, "Cause", path);
        if (common.QueryLanguage == QueryLanguage.Jsonata)
        {
            CheckJsonataValues(obj["Error"], ProblemCollector.Child(path, "Error"));
            CheckJsonataValues(obj["Cause"], ProblemCollector.Child(path, "Cause"));
        }

        return common with
        {
            Error = error,
            Cause = cause,
            ErrorPath = OptionalPath(obj, "ErrorPath", path, PathKind.PathOrIntrinsic, nullable: false).Text,
            CausePath = OptionalPath(obj, "CausePath", path, PathKind.PathOrIntrinsic, nullable: false).Text,
        };
    }

    private StateNode ReadParallel(JsonObject obj, string path, StateNode common, QueryLanguage language)
    {
        var branchesPath = ProblemCollector.Child(path, "Branches");
        var branches = new List<StatesBlock>();
        if (!obj.TryGetPropertyValue("Branches", out var node) || node is not JsonArray array || array.Count == 0)
        {
            _problems.Add(obj.ContainsKey("Branches") ? branchesPath : path,
                obj.ContainsKey("Branches") ? "'Branches' must be a non-empty array of state machines." : "A Parallel state must have 'Branches'.");
            return common;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var branchPath = ProblemCollector.Index(branchesPath, i);
            if (array[i] is not JsonObject branch)
            {
                _problems.Add(branchPath, "Each branch must be an object with StartAt and States.");
                continue;
            }

            if (ReadBlock(branch, branchPath, language) is { } block)
            {
                branches.Add(block);
            }
        }

        return common with { Branches = branches };
    }
}
