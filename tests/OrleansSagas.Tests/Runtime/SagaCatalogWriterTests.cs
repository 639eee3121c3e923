using Microsoft.Extensions.Logging.Abstractions;
using OrleansSagas.Catalog;
using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.Tests.Runtime;

public sealed class SagaCatalogWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = FakeSagaCatalog.Deadline;

    private readonly FakeSagaCatalog _catalog = new();
    private readonly List<TimeSpan> _delays = [];
    private Func<TimeSpan, CancellationToken, Task> _delay = (_, _) => Task.CompletedTask;
    private SagaCatalogWriter? _writer;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
    }

    [Fact]
    public async Task Writes_queued_during_a_slow_transaction_go_into_the_next_one_together()
    {
        var gate = HoldFirstWrite();
        var writer = Start();
        var a = writer.WriteAsync(Row("a", 1), [Event("a", 1)]);
        await _catalog.NextWriteAsync();

        var b = writer.WriteAsync(Row("b", 1), [Event("b", 1)]);
        var c = writer.WriteAsync(Row("c", 2), [Event("c", 1), Event("c", 2)]);
        var d = writer.WriteAsync(null, [Event("d", 5)]);
        Assert.False(a.IsCompleted || b.IsCompleted || c.IsCompleted || d.IsCompleted);
        gate.SetResult();

        await Task.WhenAll(a, b, c, d).WaitAsync(Deadline);
        var calls = _catalog.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(["a@1"], calls[0].Rows);
        Assert.Equal(["b@1", "c@2"], calls[1].Rows);
        Assert.Equal(["b#1", "c#1", "c#2", "d#5"], calls[1].EventKeys);
    }

    [Fact]
    public async Task A_transaction_takes_at_most_the_batch_size_of_entries()
    {
        var gate = HoldFirstWrite();
        var writer = Start(batchSize: 2);
        var first = writer.WriteAsync(Row("s0", 1), []);
        await _catalog.NextWriteAsync();

        var rest = Enumerable.Range(1, 5).Select(i => writer.WriteAsync(Row($"s{i}", 1), [])).ToArray();
        gate.SetResult();

        await Task.WhenAll(rest.Append(first)).WaitAsync(Deadline);
        Assert.Equal(["s0@1", "s1@1 s2@1", "s3@1 s4@1", "s5@1"], Transactions());
    }

    [Fact]
    public async Task A_transaction_closes_once_it_holds_four_times_the_batch_size_in_events()
    {
        var gate = HoldFirstWrite();
        var writer = Start(batchSize: 10);
        var first = writer.WriteAsync(null, [Event("s0", 1)]);
        await _catalog.NextWriteAsync();

        var rest = Enumerable.Range(1, 3)
            .Select(i => writer.WriteAsync(Row($"s{i}", 30), [.. Enumerable.Range(1, 30).Select(seq => Event($"s{i}", seq))]))
            .ToArray();
        gate.SetResult();

        await Task.WhenAll(rest.Append(first)).WaitAsync(Deadline);
        Assert.Equal([1, 60, 30], _catalog.Calls.Select(c => c.Events.Count));
    }

    [Fact]
    public async Task Rows_of_one_saga_in_a_transaction_coalesce_to_the_newest_version()
    {
        var gate = HoldFirstWrite();
        var writer = Start();
        var first = writer.WriteAsync(Row("s0", 1), []);
        await _catalog.NextWriteAsync();

        var newest = Row("s1", 4) with { Status = SagaStatus.Succeeded };
        Task[] queued =
        [
            writer.WriteAsync(Row("s1", 2), [Event("s1", 1), Event("s1", 2)]),
            writer.WriteAsync(newest, [Event("s1", 4)]),
            writer.WriteAsync(Row("s2", 1), [Event("s2", 1)]),
            writer.WriteAsync(Row("s1", 3), [Event("s1", 3)]),
            writer.WriteAsync(Row("s1", 4) with { Summary = "\"same version, later\"" }, []),
        ];
        gate.SetResult();

        await Task.WhenAll(queued.Append(first)).WaitAsync(Deadline);
        var second = _catalog.Calls[1];
        Assert.Equal(["s1@4", "s2@1"], second.Rows);
        Assert.Same(newest, second.Records[0]);
        Assert.Equal(["s1#1", "s1#2", "s1#4", "s2#1", "s1#3"], second.EventKeys);
    }

    [Fact]
    public async Task A_failing_batch_is_retried_with_a_growing_backoff_until_it_succeeds()
    {
        _catalog.OnWrite = call => call.Number <= 3 ? Task.FromException(new IOException("database down")) : Task.CompletedTask;
        var writer = Start();

        await writer.WriteAsync(Row("s1", 2), [Event("s1", 1), Event("s1", 2)]).WaitAsync(Deadline);

        Assert.Equal(4, _catalog.Calls.Count);
        Assert.All(_catalog.Calls, c => Assert.Equal(["s1@2"], c.Rows));
        Assert.All(_catalog.Calls, c => Assert.Equal(["s1#1", "s1#2"], c.EventKeys));
        Assert.Equal(new double[] { 50, 100, 200 }, Delays());
    }

    [Fact]
    public async Task The_backoff_doubles_up_to_five_seconds()
    {
        _catalog.OnWrite = call => call.Number <= 9 ? Task.FromException(new IOException("database down")) : Task.CompletedTask;
        var writer = Start();

        await writer.WriteAsync(Row("s1", 1), []).WaitAsync(Deadline);

        Assert.Equal(new double[] { 50, 100, 200, 400, 800, 1600, 3200, 5000, 5000 }, Delays());
    }

    [Fact]
    public async Task Waiters_of_a_failing_batch_complete_only_after_it_succeeds()
    {
        var retry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backingOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _delay = (_, token) =>
        {
            backingOff.TrySetResult();
            return retry.Task.WaitAsync(token);
        };
        _catalog.OnWrite = call => call.Number == 1 ? Task.FromException(new IOException("database down")) : Task.CompletedTask;
        var writer = Start();
        var a = writer.WriteAsync(Row("a", 1), [Event("a", 1)]);
        await backingOff.Task.WaitAsync(Deadline);

        var b = writer.WriteAsync(Row("b", 1), [Event("b", 1)]);
        var flush = writer.FlushAsync();
        Assert.False(a.IsCompleted || b.IsCompleted || flush.IsCompleted);
        retry.SetResult();

        await Task.WhenAll(a, b, flush).WaitAsync(Deadline);
        // The retry repeats the failed batch as it was; what was queued meanwhile follows in its own transaction.
        Assert.Equal(["a@1", "a@1", "b@1"], Transactions());
    }

    [Fact]
    public async Task Flushing_an_idle_writer_completes_without_a_transaction()
    {
        var writer = Start();

        await writer.FlushAsync().WaitAsync(Deadline);

        Assert.Empty(_catalog.Calls);
    }

    [Fact]
    public async Task A_flush_completes_once_everything_queued_before_it_is_durable()
    {
        var gate = HoldFirstWrite();
        var writer = Start(batchSize: 1);
        var a = writer.WriteAsync(Row("a", 1), []);
        await _catalog.NextWriteAsync();
        var b = writer.WriteAsync(Row("b", 1), []);

        var flush = writer.FlushAsync();
        var c = writer.WriteAsync(Row("c", 1), []);
        Assert.False(flush.IsCompleted);
        gate.SetResult();

        await flush.WaitAsync(Deadline);
        Assert.True(a.IsCompletedSuccessfully);
        Assert.True(b.IsCompletedSuccessfully);
        Assert.Contains(_catalog.Calls, call => call.Rows.SequenceEqual(["b@1"]));
        await c.WaitAsync(Deadline);
        Assert.Equal(3, _catalog.Calls.Count);
    }

    [Fact]
    public async Task Disposing_lets_queued_writes_land_first()
    {
        var gate = HoldFirstWrite();
        var writer = Start(stopGrace: TimeSpan.FromMinutes(5));
        var a = writer.WriteAsync(Row("a", 1), []);
        await _catalog.NextWriteAsync();
        var b = writer.WriteAsync(Row("b", 1), []);

        var disposing = writer.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        gate.SetResult();

        await disposing.WaitAsync(Deadline);
        Assert.True(a.IsCompletedSuccessfully);
        Assert.True(b.IsCompletedSuccessfully);
        Assert.Equal(2, _catalog.Calls.Count);
    }

    [Fact]
    public async Task Writes_after_disposal_fail_at_once()
    {
        var writer = Start();
        await writer.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(Row("a", 1), []).WaitAsync(Deadline));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.FlushAsync().WaitAsync(Deadline));
        await writer.DisposeAsync();
        Assert.Empty(_catalog.Calls);
    }

    [Fact]
    public async Task Disposing_gives_up_on_a_catalog_that_keeps_failing_after_the_grace_period()
    {
        _delay = (delay, token) => Task.Delay(Timeout.InfiniteTimeSpan, token);
        _catalog.OnWrite = _ => Task.FromException(new IOException("database down"));
        var writer = Start(stopGrace: TimeSpan.Zero);
        var a = writer.WriteAsync(Row("a", 1), []);
        await _catalog.NextWriteAsync();
        var b = writer.WriteAsync(Row("b", 1), []);

        await writer.DisposeAsync().AsTask().WaitAsync(Deadline);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.WaitAsync(Deadline));
        var error = await Record.ExceptionAsync(() => b.WaitAsync(Deadline));
        Assert.NotNull(error);
        Assert.IsNotType<TimeoutException>(error);
    }

    [Fact]
    public async Task A_null_event_list_is_refused_and_the_writer_keeps_working()
    {
        var writer = Start();

        Assert.Throws<ArgumentNullException>(() => { _ = writer.WriteAsync(Row("a", 1), null!); });

        await writer.WriteAsync(Row("b", 1), []).WaitAsync(Deadline);
        Assert.Equal(["b@1"], Assert.Single(_catalog.Calls).Rows);
    }

    private SagaCatalogWriter Start(int batchSize = 500, TimeSpan? stopGrace = null)
    {
        _writer = new SagaCatalogWriter(
            _catalog,
            batchSize,
            NullLogger.Instance,
            (delay, token) =>
            {
                lock (_delays) _delays.Add(delay);
                return _delay(delay, token);
            },
            stopGrace ?? TimeSpan.FromSeconds(5));
        return _writer;
    }

    /// <summary>Makes the first write wait until the returned gate is opened; later writes succeed at once.</summary>
    private TaskCompletionSource HoldFirstWrite()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _catalog.OnWrite = call => call.Number == 1 ? gate.Task : Task.CompletedTask;
        return gate;
    }

    /// <summary>The rows of each transaction so far, one string per transaction: "s1@2 s2@1".</summary>
    private IEnumerable<string> Transactions() => _catalog.Calls.Select(c => string.Join(' ', c.Rows));

    private double[] Delays()
    {
        lock (_delays) return [.. _delays.Select(d => d.TotalMilliseconds)];
    }

    private static SagaRecord Row(string id, long version) => new()
    {
        Id = id,
        Definition = "travel",
        DefinitionVersion = 1,
        Status = SagaStatus.Running,
        Input = "{}",
        Version = version,
        CreatedAt = T0,
        UpdatedAt = T0.AddSeconds(version),
    };

    private static SagaEventRecord Event(string sagaId, long sequence) =>
        new(sagaId, new StoredEvent(sequence, "StepSucceeded", T0.AddSeconds(sequence), "{}"));
}
