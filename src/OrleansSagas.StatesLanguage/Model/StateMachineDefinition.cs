using OrleansSagas.StatesLanguage.Parsing;

namespace OrleansSagas.StatesLanguage.Model;

/// <summary>
/// A parsed, validated and immutable Amazon States Language state machine, ready to be interpreted.
/// Create one with <see cref="StateMachineParser.Parse(string)"/>.
/// </summary>
public sealed class StateMachineDefinition
{
    internal StateMachineDefinition(MachineModel model, string json)
    {
        Model = model;
        Json = json;
        AllStates = Collect(model.Root).ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The name of the first state.</summary>
    public string StartAt => Model.Root.StartAt;

    /// <summary>The top-level Comment, if any.</summary>
    public string? Comment => Model.Comment;

    /// <summary>The machine-level TimeoutSeconds, if any: the execution times out with States.Timeout after it.</summary>
    public int? TimeoutSeconds => Model.TimeoutSeconds;

    /// <summary>The machine-level query language (JSONPath unless the definition says "JSONata").</summary>
    public QueryLanguage QueryLanguage => Model.QueryLanguage;

    /// <summary>The names of the top-level states, in definition order.</summary>
    public IReadOnlyList<string> StateNames => Model.Root.States.Keys.ToList();

    /// <summary>The definition text this instance was parsed from.</summary>
    public string Json { get; }

    internal MachineModel Model { get; }

    /// <summary>The definition's JSONata expressions, parsed once and shared by every execution.</summary>
    internal QueryLanguages.JsonataExpressions Jsonata => Model.Jsonata;

    /// <summary>Every state of the machine, nested ones included (names are unique machine-wide).</summary>
    internal IReadOnlyDictionary<string, StateNode> AllStates { get; }

    private static IEnumerable<StateNode> Collect(StatesBlock block)
    {
        foreach (var state in block.States.Values)
        {
            yield return state;
            foreach (var branch in state.Branches)
            {
                foreach (var nested in Collect(branch))
                {
                    yield return nested;
                }
            }

            if (state.ItemProcessor is not null)
            {
                foreach (var nested in Collect(state.ItemProcessor))
                {
                    yield return nested;
                }
            }
        }
    }
}
