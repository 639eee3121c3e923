using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

/// <summary>
/// A runnable definition version as the saga grain drives it: a pure decider over an opaque state that is
/// the fold of the saga's events and is stored as a snapshot, plus how to run its steps. Builder graphs and Amazon
/// States Language machines both implement it, so one grain gives them the same durability, history and API.
/// </summary>
public interface ISagaDefinition
{
    /// <summary>The definition name.</summary>
    string Name { get; }

    /// <summary>The definition version.</summary>
    int Version { get; }

    /// <summary>"csharp" or "asl".</summary>
    string Kind { get; }

    /// <summary>The state of an instance before any event.</summary>
    object InitialState { get; }

    /// <summary>
    /// Decides on a message; pure and deterministic. The caller owns <paramref name="state"/> and gives it up: a
    /// definition may reuse it for the new state, so the caller must not use it afterwards.
    /// </summary>
    SagaTurn Decide(object state, SagaMessage message, DateTimeOffset now);

    /// <summary>Folds one event into a state, returning the new state (the old one must not be relied upon afterwards).</summary>
    object Apply(object state, SagaEvent @event);

    /// <summary>What observers see of a state.</summary>
    SagaState View(object state);

    /// <summary>Commands to re-issue when an instance is activated from its snapshot.</summary>
    IReadOnlyList<SagaCommand> Resume(object state);

    /// <summary>Writes a state as a snapshot (JSON); <see cref="DeserializeState"/> reads it back identically.</summary>
    string SerializeState(object state);

    /// <summary>Reads a snapshot written by <see cref="SerializeState"/>.</summary>
    /// <exception cref="InvalidDataException">The snapshot is damaged; the message names the field.</exception>
    object DeserializeState(string snapshot);

    /// <summary>Converts an event to its stored type name and JSON.</summary>
    (string Type, string Json) Serialize(SagaEvent @event);

    /// <summary>Reads a stored event back.</summary>
    SagaEvent Deserialize(StoredEvent stored);

    /// <summary>Runs an attempt of an action.</summary>
    Task<JsonElement> RunActionAsync(RunAction action, IServiceProvider services, StepContext context);

    /// <summary>Runs an attempt of an undo.</summary>
    Task RunUndoAsync(RunUndo undo, IServiceProvider services, StepContext context);
}
