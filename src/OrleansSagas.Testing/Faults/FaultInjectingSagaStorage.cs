using System.Collections.Concurrent;
using OrleansSagas.Storage;

namespace OrleansSagas.Testing;

/// <summary>
/// Wraps a storage provider to inject faults: the store going down and coming back, a node frozen mid-call (a paused
/// process whose writes land late), a killed node whose lingering work must never reach the store. It also records
/// every saga write the store refused, so tests can show a fenced-off node was turned away.
/// </summary>
/// <remarks>Thread-safe. One wrapper per node; several wrappers may share one inner store.</remarks>
public sealed class FaultInjectingSagaStorage : ISagaStorage
{
    private readonly object _gate = new();
    private readonly ConcurrentQueue<RejectedCommit> _rejected = new();
    private readonly ConcurrentQueue<SagaCommit> _heldCommits = new();
    private TaskCompletionSource? _thawed;
    private TaskCompletionSource? _drained;
    private int _heldCalls;
    private bool _down;
    private bool _killed;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public FaultInjectingSagaStorage(ISagaStorage inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        Sagas = new FaultySagaStore(this, inner.Sagas);
        Timers = new FaultyTimerStore(this, inner.Timers);
        Tasks = new FaultyTaskQueue(this, inner.Tasks);
        Definitions = new FaultyDefinitionStore(this, inner.Definitions);
        Membership = new FaultyMembershipStore(this, inner.Membership);
        Leases = new FaultyLeaseStore(this, inner.Leases);
    }

    /// <summary>The wrapped provider.</summary>
    public ISagaStorage Inner { get; }

    /// <inheritdoc />
    public ISagaStore Sagas { get; }

    /// <inheritdoc />
    public ITimerStore Timers { get; }

    /// <inheritdoc />
    public ITaskQueue Tasks { get; }

    /// <inheritdoc />
    public IDefinitionStore Definitions { get; }

    /// <inheritdoc />
    public IMembershipStore Membership { get; }

    /// <inheritdoc />
    public ILeaseStore Leases { get; }

    /// <summary>True while every call fails (<see cref="TakeDown"/>).</summary>
    public bool IsDown
    {
        get
        {
            lock (_gate) return _down;
        }
    }

    /// <summary>Every saga write that was held by <see cref="Freeze"/> (a late write), oldest first.</summary>
    public IReadOnlyList<SagaCommit> HeldCommits => [.. _heldCommits];

    /// <summary>Every saga write the store refused through this wrapper, oldest first.</summary>
    public IReadOnlyList<RejectedCommit> RejectedCommits => [.. _rejected];

    /// <summary>Makes every call fail with <see cref="StorageUnavailableException"/> until <see cref="BringUp"/>.</summary>
    public void TakeDown()
    {
        lock (_gate) _down = true;
    }

    /// <summary>Ends <see cref="TakeDown"/>.</summary>
    public void BringUp()
    {
        lock (_gate) _down = false;
    }

    /// <summary>
    /// Holds every call made from now on before it reaches the store, ignoring cancellation, until <see cref="Thaw"/>:
    /// the calls then proceed, late, as those of a process that was paused.
    /// </summary>
    public void Freeze()
    {
        lock (_gate) _thawed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>How many calls are held by <see cref="Freeze"/> now (or were, and have not completed yet).</summary>
    public int HeldCalls
    {
        get
        {
            lock (_gate) return _heldCalls;
        }
    }

    /// <summary>Lets frozen calls proceed and waits until every one of them has completed (succeeded or failed).</summary>
    public Task ThawAsync()
    {
        Task drained;
        lock (_gate)
        {
            drained = _heldCalls == 0 ? Task.CompletedTask : (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
        Thaw();
        return drained;
    }

    /// <summary>Lets frozen calls proceed.</summary>
    public void Thaw()
    {
        TaskCompletionSource? thawed;
        lock (_gate)
        {
            thawed = _thawed;
            _thawed = null;
        }
        thawed?.TrySetResult();
    }

    /// <summary>Fails every call from now on, frozen ones included: the node is gone and must not write again.</summary>
    public void Kill()
    {
        lock (_gate) _killed = true;
        Thaw();
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Run(() => Inner.InitializeAsync(cancellationToken));

    internal async Task<T> Run<T>(Func<Task<T>> call, SagaCommit? commit = null)
    {
        var held = await EnterAsync(commit).ConfigureAwait(false);
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            if (held) LeaveHeld();
        }
    }

    internal Task Run(Func<Task> call) => Run(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    internal async Task<T> RunCommit<T>(SagaCommit commit, Func<Task<T>> call)
    {
        try
        {
            return await Run(call, commit).ConfigureAwait(false);
        }
        catch (StorageConflictException conflict)
        {
            _rejected.Enqueue(new RejectedCommit(commit, conflict));
            throw;
        }
    }

    /// <summary>Waits at the freeze, if any; true when the call was held (it must then call <see cref="LeaveHeld"/>).</summary>
    private async Task<bool> EnterAsync(SagaCommit? commit)
    {
        Task? frozen;
        lock (_gate)
        {
            Check();
            frozen = _thawed?.Task;
            if (frozen is not null)
            {
                _heldCalls++;
                if (commit is not null) _heldCommits.Enqueue(commit);
            }
        }
        if (frozen is null) return false;
        await frozen.ConfigureAwait(false);
        try
        {
            lock (_gate) Check();
        }
        catch
        {
            LeaveHeld();
            throw;
        }
        return true;
    }

    private void LeaveHeld()
    {
        lock (_gate)
        {
            if (--_heldCalls > 0) return;
            _drained?.TrySetResult();
            _drained = null;
        }
    }

    private void Check()
    {
        if (_killed) throw new StorageUnavailableException("This node was killed; it can no longer reach the store.");
        if (_down) throw new StorageUnavailableException("The store is down (fault injection).");
    }
}
