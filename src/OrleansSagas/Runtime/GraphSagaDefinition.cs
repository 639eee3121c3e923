using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Snapshots;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

/// <summary>Runs a <see cref="SagaGraph"/> built in C# through <see cref="SagaDecider"/>.</summary>
internal sealed class GraphSagaDefinition(SagaGraph graph) : ISagaDefinition
{
    public SagaGraph Graph { get; } = graph;
    public string Name => Graph.Name;
    public int Version => Graph.Version;
    public string Kind => "csharp";
    public object InitialState => SagaState.Empty;

    public SagaTurn Decide(object state, SagaMessage message, DateTimeOffset now)
    {
        var decision = SagaDecider.Decide(Graph, (SagaState)state, message, now);
        var next = (SagaState)state;
        foreach (var e in decision.Events) next = SagaDecider.Apply(Graph, next, e);
        return new SagaTurn(decision.Events, decision.Commands, next);
    }

    public object Apply(object state, SagaEvent @event) => SagaDecider.Apply(Graph, (SagaState)state, @event);

    public SagaState View(object state) => (SagaState)state;

    public IReadOnlyList<SagaCommand> Resume(object state) => SagaDecider.Resume(Graph, (SagaState)state);

    public string SerializeState(object state) => SagaStateCodec.Serialize((SagaState)state);

    public object DeserializeState(string snapshot) => SagaStateCodec.Deserialize(snapshot);

    public (string Type, string Json) Serialize(SagaEvent @event) =>
        (@event.GetType().Name, JsonSerializer.Serialize(@event, SagaJson.Options));

    public SagaEvent Deserialize(StoredEvent stored) =>
        JsonSerializer.Deserialize<SagaEvent>(stored.Data, SagaJson.Options)
        ?? throw new InvalidDataException($"Event {stored.Sequence} of type {stored.Type} is empty.");

    public Task<JsonElement> RunActionAsync(RunAction action, IServiceProvider services, StepContext context) =>
        (Step(action.Node).Action ?? throw new InvalidOperationException($"Step '{action.Node}' of saga '{Name}' runs on the workers of activity '{action.Activity}', not in the silo."))
            .Invoker(services, action.Input, null, context);

    public Task RunUndoAsync(RunUndo undo, IServiceProvider services, StepContext context) =>
        Step(undo.Node).Undo is { } handler
            ? handler.Invoker(services, undo.Input, undo.ActionOutput, context)
            : Task.CompletedTask;

    private StepNode Step(string node) => Graph[node] as StepNode
        ?? throw new InvalidOperationException($"Node '{node}' of saga '{Name}' is not a step.");
}
