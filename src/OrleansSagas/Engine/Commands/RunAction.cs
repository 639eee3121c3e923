using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>Run an attempt of a step's action (locally through its handler, or for a worker).</summary>
/// <param name="Node">The step name.</param>
/// <param name="Attempt">The attempt number (the same when re-run after a crash).</param>
/// <param name="Input">The step input.</param>
/// <param name="AncestorOutputs">Outputs of the step's ancestors.</param>
public sealed record RunAction(string Node, int Attempt, JsonElement Input, IReadOnlyDictionary<string, JsonElement> AncestorOutputs) : SagaCommand
{
    /// <summary>What to invoke when the definition names it per invocation (a state machine Task's Resource); null for builder steps.</summary>
    public string? Resource { get; init; }
}
