using System.Collections.Concurrent;
using OrleansSagas.Worker;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>
/// What <see cref="ProbeHandler"/> saw: how many handlers run at once (and the most ever), which were cancelled, and
/// gates that hold handlers until a test opens them.
/// </summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _gates = new();
    private int _running;
    private int _maxRunning;

    public int Running => Volatile.Read(ref _running);
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary>Contexts of started handlers, by input id.</summary>
    public ConcurrentDictionary<int, ActivityContext> Started { get; } = new();

    /// <summary>Input ids of handlers whose cancellation token fired, with the exception the handler saw.</summary>
    public ConcurrentDictionary<int, Exception> Cancelled { get; } = new();

    /// <summary>The gate that holds the handler of input <paramref name="id"/>.</summary>
    public TaskCompletionSource Gate(int id) => _gates.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Open(int id) => Gate(id).TrySetResult();

    internal void Enter(int id, ActivityContext context)
    {
        Started[id] = context;
        var now = Interlocked.Increment(ref _running);
        int max;
        while (now > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, max) != max)
        {
        }
    }

    internal void Exit() => Interlocked.Decrement(ref _running);
}
