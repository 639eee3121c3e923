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

    /// <summary>The activity whose workers run the attempt (it goes on that activity's task queue); null to run it in the silo.</summary>
    public string? Activity { get; init; }

    /// <summary>The attempt's task token when the definition issued it while deciding (a state machine's $$.Task.Token); null to issue it when run.</summary>
    public string? TaskToken { get; init; }

    /// <summary>When the attempt times out, if it has a time limit: an activity task still queued then is dropped, not handed out.</summary>
    public DateTimeOffset? TimeoutAt { get; init; }

    /// <summary>True when the attempt hands out its task token and waits for success or failure sent with it.</summary>
    public bool WaitForTaskToken { get; init; }

    /// <summary>True when the result comes back through a task token (an activity or a callback), not from a local handler.</summary>
    public bool IsExternal => Activity is not null || WaitForTaskToken;
}
