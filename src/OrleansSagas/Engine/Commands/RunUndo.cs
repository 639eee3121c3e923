using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Commands;

/// <summary>Run an attempt of a step's undo.</summary>
/// <param name="Node">The step name.</param>
/// <param name="Attempt">The undo attempt number.</param>
/// <param name="Input">The input the action received.</param>
/// <param name="ActionOutput">What the action returned (null when it never reported, e.g. re-run after a crash).</param>
public sealed record RunUndo(string Node, int Attempt, JsonElement Input, JsonElement? ActionOutput) : SagaCommand;
