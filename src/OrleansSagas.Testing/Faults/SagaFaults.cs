using OrleansSagas.Definitions;
using OrleansSagas.Hosting;

namespace OrleansSagas.Testing.Faults;

/// <summary>
/// Step-level fault injection for every silo it is installed on (<c>UseSagaFaults</c>, an <see cref="IStepInterceptor"/>):
/// fail the next attempts of an action or an undo, or hold attempts until the test releases them. It also counts the
/// attempts that started, so a test can check that no step ran more often than it should.
/// </summary>
/// <remarks>Thread-safe. Rules apply to attempts that start after they are added.</remarks>
public sealed class SagaFaults : IStepInterceptor
{
    private readonly Dictionary<(string SagaId, string Step, bool Undo), int> _runs = [];
    private readonly object _gate = new();
    private readonly List<FailureRule> _failures = [];
    private readonly List<StepHold> _holds = [];

    /// <summary>The error name injected failures carry unless told otherwise.</summary>
    public const string InjectedError = "InjectedFault";

    /// <summary>Fails the next <paramref name="times"/> attempts of the action of <paramref name="step"/> (of saga <paramref name="sagaId"/>, or any).</summary>
    public void FailStep(string step, int times = 1, string? sagaId = null, string error = InjectedError) =>
        AddFailure(step, undo: false, times, sagaId, error);

    /// <summary>Fails the next <paramref name="times"/> attempts of the undo of <paramref name="step"/> (of saga <paramref name="sagaId"/>, or any).</summary>
    public void FailUndo(string step, int times = int.MaxValue, string? sagaId = null, string error = InjectedError) =>
        AddFailure(step, undo: true, times, sagaId, error);

    /// <summary>Holds attempts of <paramref name="step"/> (of saga <paramref name="sagaId"/>, or any) until released.</summary>
    public StepHold HoldStep(string step, string? sagaId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        var hold = new StepHold(step, sagaId);
        lock (_gate) _holds.Add(hold);
        return hold;
    }

    /// <summary>Removes every rule and releases every hold.</summary>
    public void Clear()
    {
        List<StepHold> holds;
        lock (_gate)
        {
            holds = [.. _holds];
            _holds.Clear();
            _failures.Clear();
        }
        foreach (var hold in holds) hold.Release();
    }

    /// <summary>How many attempts of the action (or undo) of <paramref name="step"/> in saga <paramref name="sagaId"/> started, re-runs included.</summary>
    public int RunCount(string sagaId, string step, bool undo = false)
    {
        lock (_gate) return _runs.GetValueOrDefault((sagaId, step, undo));
    }

    /// <inheritdoc />
    public async ValueTask BeforeStepAsync(StepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StepHold[] holds;
        string? error = null;
        lock (_gate)
        {
            var key = (context.SagaId, context.StepName, context.IsUndo);
            _runs[key] = _runs.GetValueOrDefault(key) + 1;
            holds = [.. _holds.Where(h => h.Matches(context.SagaId, context.StepName))];
            var rule = _failures.FirstOrDefault(r => r.Remaining > 0 && r.Step == context.StepName && r.Undo == context.IsUndo
                && (r.SagaId is null || r.SagaId == context.SagaId));
            if (rule is not null)
            {
                rule.Remaining--;
                error = rule.Error;
            }
        }
        foreach (var hold in holds) await hold.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            var what = context.IsUndo ? "undo of" : "step";
            throw new StepFailedException(error, $"Injected failure of {what} '{context.StepName}' (attempt {context.Attempt}).");
        }
    }

    private void AddFailure(string step, bool undo, int times, string? sagaId, string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate) _failures.Add(new FailureRule(step, undo, sagaId, error) { Remaining = times });
    }

    private sealed record FailureRule(string Step, bool Undo, string? SagaId, string Error)
    {
        public int Remaining { get; set; }
    }
}
