namespace OrleansSagas.StatesLanguage.Model;

/// <summary>A StartAt + States pair: the machine itself, a Parallel branch or a Map item processor.</summary>
internal sealed class StatesBlock
{
    public required string StartAt { get; init; }

    /// <summary>States in definition order.</summary>
    public required IReadOnlyDictionary<string, StateNode> States { get; init; }

    /// <summary>Address of the block inside the definition, e.g. "$" or "$.States.P.Branches[0]"; used in diagnostics.</summary>
    public required string Location { get; init; }
}
