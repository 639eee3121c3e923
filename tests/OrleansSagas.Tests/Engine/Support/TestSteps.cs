using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Tests.Engine.Support;

/// <summary>A step action the engine never invokes; tests only need the graph.</summary>
internal sealed class NoopStep : ISagaStep<JsonElement, JsonElement>
{
    public Task<JsonElement> ExecuteAsync(JsonElement input, StepContext context) => Task.FromResult(input);
}

/// <summary>A step undo the engine never invokes.</summary>
internal sealed class NoopUndo : ISagaUndo<JsonElement, JsonElement>
{
    public Task UndoAsync(JsonElement input, JsonElement actionOutput, StepContext context) => Task.CompletedTask;
}
