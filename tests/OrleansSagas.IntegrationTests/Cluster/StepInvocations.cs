using System.Collections.Concurrent;
using OrleansSagas.Definitions;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>Every step and undo invocation on every in-process silo: which silo ran which step of which saga.</summary>
public sealed class StepInvocations
{
    private readonly ConcurrentQueue<StepInvocation> _calls = new();

    public IReadOnlyList<StepInvocation> Calls => [.. _calls];

    public void Add(string silo, StepContext context) =>
        _calls.Enqueue(new StepInvocation(silo, context.SagaId, context.StepName, context.Attempt, context.IsUndo));

    public int Count(string sagaId, string step) => _calls.Count(c => c.SagaId == sagaId && c.Step == step && !c.IsUndo);

    /// <summary>How many distinct sagas ran <paramref name="step"/> at least once.</summary>
    public int Sagas(string step) => _calls.Where(c => c.Step == step && !c.IsUndo).Select(c => c.SagaId).Distinct().Count();
}
