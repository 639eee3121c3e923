namespace OrleansSagas.Testing.Faults;

/// <summary>
/// Holds matching step attempts before they run until <see cref="Release"/>, so a test can act while a step is in
/// flight (kill its silo, send signals, cancel). Created by <see cref="SagaFaults.HoldStep"/>.
/// </summary>
public sealed class StepHold
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    internal StepHold(string step, string? sagaId)
    {
        Step = step;
        SagaId = sagaId;
    }

    /// <summary>The held step's name.</summary>
    public string Step { get; }

    /// <summary>The only saga whose attempts are held; null for every saga.</summary>
    public string? SagaId { get; }

    /// <summary>Completes when the first matching attempt is held.</summary>
    public Task WhenReached => _reached.Task;

    /// <summary>How many attempts reached the hold so far.</summary>
    public int ReachedCount => Volatile.Read(ref _count);

    /// <summary>True once released.</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets every held attempt (and every later one) run.</summary>
    public void Release() => _released.TrySetResult();

    internal bool Matches(string sagaId, string step) => step == Step && (SagaId is null || SagaId == sagaId);

    internal async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (IsReleased) return;
        Interlocked.Increment(ref _count);
        _reached.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
