using System.Threading.Channels;
using OrleansSagas.Storage;

namespace OrleansSagas.Tests.Runtime;

/// <summary>
/// A catalog that records every write transaction and lets a test decide how each one ends (<see cref="OnWrite"/>):
/// at once, after a gate opens, or with an error.
/// </summary>
internal sealed class FakeSagaCatalog : ISagaCatalog, ISagaStorage
{
    /// <summary>How long a test waits for something it expects before failing.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly Channel<WriteCall> _started = Channel.CreateUnbounded<WriteCall>();
    private readonly List<WriteCall> _calls = [];

    /// <summary>Decides how a write ends; by default it succeeds at once.</summary>
    public Func<WriteCall, Task> OnWrite { get; set; } = _ => Task.CompletedTask;

    /// <summary>Every write so far, in order.</summary>
    public IReadOnlyList<WriteCall> Calls
    {
        get
        {
            lock (_calls) return [.. _calls];
        }
    }

    public ISagaCatalog Catalog => this;

    public IDefinitionStore Definitions => throw new NotSupportedException();

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WriteAsync(IReadOnlyList<SagaRecord> records, IReadOnlyList<SagaEventRecord> events, CancellationToken cancellationToken = default)
    {
        WriteCall call;
        lock (_calls)
        {
            call = new WriteCall(_calls.Count + 1, [.. records], [.. events]);
            _calls.Add(call);
        }

        _started.Writer.TryWrite(call);
        return OnWrite(call);
    }

    /// <summary>The next write to start (in order of starting), waiting for it up to the <see cref="Deadline"/>.</summary>
    public async Task<WriteCall> NextWriteAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

    public Task<SagaRecord?> GetAsync(string sagaId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sagaId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<SagaPage> QueryAsync(SagaQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListRunningAsync(string? afterId, int limit, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

/// <summary>One write transaction the catalog was asked for.</summary>
/// <param name="Number">1 for the first write, then 2, and so on (retries included).</param>
/// <param name="Records">The rows of the transaction.</param>
/// <param name="Events">The events of the transaction.</param>
internal sealed record WriteCall(int Number, IReadOnlyList<SagaRecord> Records, IReadOnlyList<SagaEventRecord> Events)
{
    /// <summary>The saga ids of the rows, in order, each with its version: "s1@3".</summary>
    public IEnumerable<string> Rows => Records.Select(r => $"{r.Id}@{r.Version}");

    /// <summary>The events, in order: "s1#2".</summary>
    public IEnumerable<string> EventKeys => Events.Select(e => $"{e.SagaId}#{e.Event.Sequence}");
}
