using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>
/// Reads a definition into the model and reports every problem on the way (field types, illegal combinations,
/// paths, templates, intrinsic calls, Retry/Catch), then checks the graph of each block (targets, reachability,
/// terminal states).
/// </summary>
internal sealed partial class DefinitionReader
{
    private static readonly HashSet<string> RootFields = ["StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"];
    private readonly ProblemCollector _problems = new();
    private readonly Dictionary<string, string> _allStateNames = new(StringComparer.Ordinal);
    private readonly Stack<HashSet<string>> _blockStateNames = new();

    public ProblemCollector Problems => _problems;

    public static (MachineModel? Machine, ProblemCollector Problems) Read(JsonNode? document)
    {
        var reader = new DefinitionReader();
        var machine = reader.ReadRoot(document);
        return (machine, reader._problems);
    }

    private MachineModel? ReadRoot(JsonNode? document)
    {
        if (document is not JsonObject root)
        {
            _problems.Add("$", "A state machine definition must be a JSON object.");
            return null;
        }

        foreach (var (key, _) in root)
        {
            if (!RootFields.Contains(key))
            {
                _problems.Add(ProblemCollector.Child("$", key), $"Field '{key}' is not allowed at the top level of a state machine.");
            }
        }

        OptionalString(root, "Comment", "$");
        OptionalString(root, "Version", "$");
        var timeout = OptionalInt(root, "TimeoutSeconds", "$", min: 1);
        var language = ReadQueryLanguage(root, "$", QueryLanguage.JsonPath);
        var block = ReadBlock(root, "$", language, isRoot: true);
        return block is null ? null : new MachineModel(block, timeout, language, root["Comment"]?.GetValueKind() == JsonValueKind.String ? (string?)root["Comment"] : null, _jsonata);
    }

    private QueryLanguage ReadQueryLanguage(JsonObject obj, string path, QueryLanguage inherited)
    {
        if (!obj.TryGetPropertyValue("QueryLanguage", out var node))
        {
            return inherited;
        }

        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        switch (text)
        {
            case "JSONPath":
                return QueryLanguage.JsonPath;
            case "JSONata":
                _problems.UsesJsonata = true;
                return QueryLanguage.Jsonata;
            default:
                _problems.Add(ProblemCollector.Child(path, "QueryLanguage"), "QueryLanguage must be \"JSONPath\" or \"JSONata\".");
                return inherited;
        }
    }

    private StatesBlock? ReadBlock(JsonObject obj, string path, QueryLanguage language, bool isRoot = false)
    {
        if (!isRoot)
        {
            foreach (var (key, _) in obj)
            {
                if (key is not ("StartAt" or "States" or "Comment" or "ProcessorConfig"))
                {
                    _problems.Add(ProblemCollector.Child(path, key), $"Field '{key}' is not allowed here (expected StartAt, States, Comment).");
                }
            }
        }

        var startAt = RequiredString(obj, "StartAt", path);
        var statesPath = ProblemCollector.Child(path, "States");
        if (!obj.TryGetPropertyValue("States", out var statesNode) || statesNode is not JsonObject statesObj)
        {
            _problems.Add(statesPath, statesNode is null && !obj.ContainsKey("States") ? "Missing required field 'States'." : "'States' must be an object.");
            return null;
        }

        var states = new Dictionary<string, StateNode>(StringComparer.Ordinal);
        _blockStateNames.Push(statesObj.Select(p => p.Key).ToHashSet(StringComparer.Ordinal));
        foreach (var (name, stateNode) in statesObj)
        {
            var statePath = ProblemCollector.Child(statesPath, name);
            CheckStateName(name, statePath);
            var state = ReadState(name, stateNode, statePath, language);
            if (state is not null)
            {
                states[name] = state;
            }
        }

        _blockStateNames.Pop();
        if (statesObj.Count == 0)
        {
            _problems.Add(statesPath, "'States' must define at least one state.");
        }

        var block = new StatesBlock { StartAt = startAt ?? string.Empty, States = states, Location = path };
        if (startAt is not null && !statesObj.ContainsKey(startAt))
        {
            _problems.Add(ProblemCollector.Child(path, "StartAt"), $"StartAt '{startAt}' does not name a state in this block.");
        }

        CheckGraph(block, statesObj, statesPath);
        return block;
    }

    private static bool IsRawTerminal(JsonNode? state) =>
        state is JsonObject obj
        && ((obj["End"] is JsonValue end && end.GetValueKind() == JsonValueKind.True)
            || (obj["Type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && (string?)type is "Succeed" or "Fail"));

    private void CheckStateName(string name, string path)
    {
        if (name.Length is 0 or > 80)
        {
            _problems.Add(path, "A state name must be 1 to 80 characters long.");
        }

        if (!_allStateNames.TryAdd(name, path))
        {
            _problems.Add(path, $"State name '{name}' is already used at {_allStateNames[name]}; state names must be unique in the whole state machine.");
        }
    }

    private void CheckGraph(StatesBlock block, JsonObject statesObj, string statesPath)
    {
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        if (block.States.ContainsKey(block.StartAt))
        {
            pending.Push(block.StartAt);
        }

        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!reachable.Add(name) || !block.States.TryGetValue(name, out var state))
            {
                continue;
            }

            foreach (var target in state.Transitions())
            {
                pending.Push(target);
            }
        }

        foreach (var (name, _) in statesObj)
        {
            if (!reachable.Contains(name) && block.States.ContainsKey(name))
            {
                _problems.Add(ProblemCollector.Child(statesPath, name), $"State '{name}' is not reachable from StartAt '{block.StartAt}'.");
            }
        }

        if (statesObj.Count > 0 && !statesObj.Any(p => IsRawTerminal(p.Value)))
        {
            _problems.Add(statesPath, "No terminal state: at least one state must be a Succeed or Fail state or have \"End\": true.");
        }
    }
}

/// <summary>The parsed top level of a machine.</summary>
internal sealed record MachineModel(StatesBlock Root, int? TimeoutSeconds, QueryLanguage QueryLanguage, string? Comment, QueryLanguages.JsonataExpressions Jsonata);
