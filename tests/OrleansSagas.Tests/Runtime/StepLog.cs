using System.Collections.Concurrent;

namespace OrleansSagas.Tests.Runtime;

/// <summary>Records every handler invocation, so tests can assert what ran, in which order, with which keys.</summary>
internal sealed class StepLog
{
    private readonly ConcurrentQueue<(string Step, bool Undo, int Attempt, string Key)> _calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public IReadOnlyList<(string Step, bool Undo, int Attempt, string Key)> Calls => [.. _calls];

    public IEnumerable<string> Names => Calls.Select(c => c.Undo ? "undo:" + c.Step : c.Step);

    public void Record(string step, bool undo, int attempt, string key) => _calls.Enqueue((step, undo, attempt, key));

    /// <summary>A gate a blocking handler awaits; the test opens it.</summary>
    public TaskCompletionSource Gate(string name) =>
        _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
