using System.Text.Json;
using System.Threading.Channels;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

/// <summary>
/// The activation of one saga instance: a mailbox processed one turn at a time. Each turn decides, makes the
/// decision durable (events, header, timers in one fenced transaction), then executes its commands.
/// The log is the truth; the cached state is rebuilt from it on activation.
/// </summary>
internal sealed partial class SagaActor
{
    private readonly SagaRuntime _runtime;
    private readonly Channel<Func<Task>> _mailbox = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, CancellationTokenSource> _inflight = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> _terminalWaiters = [];
    private readonly object _gate = new();
    private ISagaDefinition? _definition;
    private object? _state;
    private SagaRecord? _record;
    private bool _loaded;
    private bool _closed;
    private int _pending;
    private int _running;

    public SagaActor(SagaRuntime runtime, string id, int partition)
    {
        _runtime = runtime;
        Id = id;
        Partition = partition;
        LastActive = runtime.Time.GetUtcNow();
        _ = Task.Run(RunAsync);
    }

    public string Id { get; }

    /// <summary>Fires when the activation is closed; work still queued is then skipped.</summary>
    public CancellationToken Closed => _stop.Token;
    public int Partition { get; }
    public DateTimeOffset LastActive { get; private set; }

    /// <summary>True when nothing is queued or running, so the activation may be dropped.</summary>
    public bool IsIdle => Volatile.Read(ref _pending) == 0 && Volatile.Read(ref _running) == 0;

    public SagaState? View => _definition is null || _state is null ? null : _definition.View(_state);

    /// <summary>Queues work for a turn; false when the activation was closed (the caller must get a new one).</summary>
    public bool TryPost(Func<Task> work)
    {
        lock (_gate)
        {
            if (_closed) return false;
            Interlocked.Increment(ref _pending);
            _mailbox.Writer.TryWrite(work);
            return true;
        }
    }

    /// <summary>Closes the activation: no more work is accepted; in-flight steps are abandoned (they re-run on the next activation).</summary>
    public bool TryClose(bool onlyIfIdle)
    {
        lock (_gate)
        {
            if (_closed) return true;
            if (onlyIfIdle && !IsIdle) return false;
            _closed = true;
            _mailbox.Writer.TryComplete();
        }
        _stop.Cancel();
        return true;
    }

    private async Task RunAsync()
    {
        await foreach (var work in _mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (!_stop.IsCancellationRequested) await work().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _runtime.Log.TurnFailed(Id, e);
                // The cache may no longer match the log: drop it and rebuild on the next turn.
                _loaded = false;
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
                LastActive = _runtime.Time.GetUtcNow();
            }
        }
    }

    public async Task EnsureLoadedAsync()
    {
        if (_loaded) return;
        _definition = null;
        _state = null;
        _record = await _runtime.Storage.Sagas.GetAsync(Id, _stop.Token).ConfigureAwait(false);
        if (_record is not null)
        {
            _definition = await _runtime.Definitions.GetAsync(_record.Definition, _record.DefinitionVersion, _stop.Token).ConfigureAwait(false);
            var state = _definition.InitialState;
            foreach (var stored in await _runtime.Storage.Sagas.ReadEventsAsync(Id, 0, _stop.Token).ConfigureAwait(false))
                state = _definition.Apply(state, _definition.Deserialize(stored));
            _state = state;
        }
        _loaded = true;
        if (_definition is not null && _state is not null)
        {
            _runtime.Timers.Track(await _runtime.Storage.Timers.GetForSagaAsync(Id, _stop.Token).ConfigureAwait(false));
            Execute(_definition.Resume(_state));
        }
    }

    public async Task<SagaStartResult> StartAsync(ISagaDefinition definition, JsonElement input, string? parentId, string? parentNode)
    {
        await EnsureLoadedAsync().ConfigureAwait(false);
        if (_definition is null || _state is null)
        {
            var start = new StartSaga(Id, definition.Name, definition.Version, input, parentId, parentNode);
            var decision = definition.Decide(definition.InitialState, start, _runtime.Time.GetUtcNow());
            if (await CommitAsync(definition, definition.InitialState, decision, [], create: true).ConfigureAwait(false))
                return new SagaStartResult(Describe(), true);
            _loaded = false;
            await EnsureLoadedAsync().ConfigureAwait(false);
        }
        var view = _definition!.View(_state!);
        if (view.Definition != definition.Name)
            throw new SagaConflictException(Id, $"Saga '{Id}' already exists with definition '{view.Definition}'.");
        if (!JsonElement.DeepEquals(view.Input, input))
            throw new SagaConflictException(Id, $"Saga '{Id}' already exists with a different input.");
        return new SagaStartResult(Describe(), false);
    }

    /// <summary>Decides on a message and makes the decision durable; false when the saga does not exist.</summary>
    public async Task<bool> HandleAsync(SagaMessage message)
    {
        await EnsureLoadedAsync().ConfigureAwait(false);
        if (_definition is null || _state is null) return false;
        var decision = _definition.Decide(_state, message, _runtime.Time.GetUtcNow());
        string[] fired = message is TimerFired t ? [t.TimerId] : [];
        await CommitAsync(_definition, _state, decision, fired, create: false).ConfigureAwait(false);
        return true;
    }

    public SagaDescription Describe() =>
        SagaDescriptions.FromRecord(_record ?? throw new SagaNotFoundException(Id));

    /// <summary>Completes when the saga is terminal (at once if it already is).</summary>
    public Task WhenTerminal()
    {
        if (View is { } view && view.Status.IsTerminal()) return Task.CompletedTask;
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_terminalWaiters) _terminalWaiters.Add(waiter);
        return waiter.Task;
    }
}
