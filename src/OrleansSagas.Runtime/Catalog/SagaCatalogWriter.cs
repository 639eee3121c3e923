using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSagas.Hosting;
using OrleansSagas.Storage;

namespace OrleansSagas.Catalog;

/// <summary>
/// Writes catalog rows and history events off the decision path: whatever is queued while a transaction runs goes
/// into the next one (group commit), rows of one saga coalesce to the newest. A failed transaction is retried until it
/// succeeds; each waiter learns when its writes are durable. Saga grains keep unconfirmed events in their own state,
/// so a crash loses nothing: the next activation queues them again (writes are idempotent).
/// </summary>
internal sealed partial class SagaCatalogWriter : IAsyncDisposable
{
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ISagaStorage _storage;
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly TimeSpan _stopGrace;
    private readonly Task _loop;
    private int _disposed;

    public SagaCatalogWriter(ISagaStorage storage, IOptions<SagaRuntimeOptions> options, ILogger<SagaCatalogWriter> logger)
        : this(storage, options.Value.CatalogBatchSize, logger, Task.Delay, TimeSpan.FromSeconds(5))
    {
    }

    /// <param name="storage">The storage whose catalog is written.</param>
    /// <param name="batchSize">The most entries (and a quarter of the most events) in one transaction.</param>
    /// <param name="logger">Where retries are logged.</param>
    /// <param name="delay">Waits between attempts of a failed batch (the backoff).</param>
    /// <param name="stopGrace">How long disposing waits for queued writes before giving up on them.</param>
    internal SagaCatalogWriter(ISagaStorage storage, int batchSize, ILogger logger, Func<TimeSpan, CancellationToken, Task> delay, TimeSpan stopGrace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _storage = storage;
        _batchSize = batchSize;
        _logger = logger;
        _delay = delay;
        _stopGrace = stopGrace;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a row and events; completes when they are durable.</summary>
    public Task WriteAsync(SagaRecord? record, IReadOnlyList<SagaEventRecord> events)
    {
        // A null list would fault the writing loop and leave every later waiter hanging: refuse it here.
        ArgumentNullException.ThrowIfNull(events);
        var entry = new Entry(record, events);
        if (!_queue.Writer.TryWrite(entry)) entry.Done.TrySetException(new ObjectDisposedException(nameof(SagaCatalogWriter)));
        return entry.Done.Task;
    }

    /// <summary>Completes when everything queued before the call is durable.</summary>
    public Task FlushAsync() => WriteAsync(null, []);

    private async Task RunAsync()
    {
        var batch = new List<Entry>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var events = 0;
            while (batch.Count < _batchSize && events < _batchSize * 4 && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
                events += entry.Events.Count;
            }

            await WriteBatchAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task WriteBatchAsync(List<Entry> batch)
    {
        var records = new Dictionary<string, SagaRecord>(StringComparer.Ordinal);
        var events = new List<SagaEventRecord>();
        foreach (var entry in batch)
        {
            if (entry.Record is { } record && (!records.TryGetValue(record.Id, out var known) || known.Version < record.Version))
                records[record.Id] = record;
            events.AddRange(entry.Events);
        }

        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (records.Count > 0 || events.Count > 0)
                    await _storage.Catalog.WriteAsync([.. records.Values], events, _stop.Token).ConfigureAwait(false);
                foreach (var entry in batch) entry.Done.TrySetResult();
                return;
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                LogRetry(attempt, delay, e);
                try
                {
                    await _delay(delay, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (Exception e)
            {
                foreach (var entry in batch) entry.Done.TrySetException(e);
                return;
            }
        }
        foreach (var entry in batch) entry.Done.TrySetCanceled();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _queue.Writer.TryComplete();
        // Give queued writes a moment to land on a graceful stop; grains re-queue anything left on their next activation.
        if (await Task.WhenAny(_loop, Task.Delay(_stopGrace)).ConfigureAwait(false) == _loop)
        {
            _stop.Dispose();
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        // The loop still fails what is left with the cancelled token: the source goes only once the loop has ended.
        _ = _loop.ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog write failed (attempt {Attempt}); retrying in {Delay}.")]
    private partial void LogRetry(int attempt, TimeSpan delay, Exception exception);

    private sealed record Entry(SagaRecord? Record, IReadOnlyList<SagaEventRecord> Events)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
