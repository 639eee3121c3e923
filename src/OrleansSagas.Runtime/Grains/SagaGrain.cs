using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSagas.Catalog;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Grains;

/// <summary>
/// One saga instance. A turn decides with the definition's pure engine, writes the new snapshot through grain storage
/// (ETag-checked), and only then runs the commands: steps off the turn, timers, child sagas, notifications. A rejected
/// write means another activation won; this one drops its state, runs nothing and deactivates.
/// </summary>
internal sealed partial class SagaGrain : Grain, ISagaGrain, ISagaControlGrain, IRemindable
{
    private readonly IPersistentState<SagaGrainState> _store;
    private readonly SagaDefinitionRegistry _definitions;
    private readonly SagaCatalogWriter _catalog;
    private readonly ISagaStorage _storage;
    private readonly SagaRuntimeOptions _options;
    private readonly SagaClock _clock;
    private readonly IServiceProvider _services;
    private readonly Tasks.TaskTokens _tokens;
    private readonly ILogger _logger;
    private ISagaDefinition? _definition;
    private object? _state;
    private bool _dropped;

    public SagaGrain(
        [PersistentState("saga", SagaStorageNames.Default)] IPersistentState<SagaGrainState> store,
        SagaDefinitionRegistry definitions, SagaCatalogWriter catalog, ISagaStorage storage, IOptions<SagaRuntimeOptions> options,
        SagaClock clock, Tasks.TaskTokens tokens, IServiceProvider services, ILogger<SagaGrain> logger)
    {
        _store = store;
        _definitions = definitions;
        _catalog = catalog;
        _storage = storage;
        _options = options.Value;
        _clock = clock;
        _services = services;
        _tokens = tokens;
        _logger = logger;
    }

    private string Id => this.GetPrimaryKeyString();

    private SagaState? View => _definition is null || _state is null ? null : _definition.View(_state);

    private bool IsTerminal => View is { } view && view.Status.IsTerminal();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_store.State.Snapshot is not { } snapshot || _store.State.Definition is not { } name) return;
        _definition = await _definitions.GetAsync(name, _store.State.DefinitionVersion, cancellationToken).ConfigureAwait(true);
        _state = _definition.DeserializeState(snapshot);
        // Resumed activity tasks and callbacks may need their tokens signed.
        if (_store.State.ExternalTasks.Count > 0) await _tokens.EnsureLoadedAsync().ConfigureAwait(true);
        // What the last activation recorded may not have reached the catalog: queue it again (writes are idempotent).
        RecordInCatalog(_store.State.Outbox);
        ScheduleTimer();
        Execute(_definition.Resume(_state));
        if (!IsTerminal) await EnsureReminderAsync().ConfigureAwait(true);
        LogResumed(Id, View!.Status);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CancelInflight();
        foreach (var waiter in _waiters) waiter.TrySetResult();
        // Without its grain timer the saga's next wait would fire only at a reminder tick: move the reminder to it.
        if (!_dropped && _definition is not null && !IsTerminal && _store.State.Timers.Count > 0) await WakeReminderAtNextTimerAsync().ConfigureAwait(true);
        // Dispatched tasks not yet written: write them so the next activation does not hand them out again.
        if (!_dropped && _definition is not null && _tasksDirty) await WriteDispatchedTasksAsync().ConfigureAwait(true);
    }

    public async Task<SagaStartResult> StartAsync(SagaStartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateId(Id);
        CheckPayload("input", request.Input);
        var definition = await _definitions.GetAsync(request.Definition, request.Version).ConfigureAwait(true);
        if (_definition is null || _state is null)
        {
            var start = new StartSaga(Id, definition.Name, definition.Version, request.Input, request.ParentId, request.ParentNode);
            // Acknowledged only once the reminder exists too: a started saga resumes after any crash without a call from outside.
            // The reminder is registered while the first decision is written (neither waits for the other).
            var reminder = StartReminderRegistration();
            try
            {
                await CommitAsync(definition, definition.InitialState, start, create: true).ConfigureAwait(true);
            }
            catch
            {
                _ = reminder.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw;
            }
            // Its catalog row too, so survivors of a silo failure find it among the running sagas and wake it at once.
            await Task.WhenAll(reminder, _lastCatalogWrite).ConfigureAwait(true);
            return new SagaStartResult(Describe(), true);
        }

        var view = View!;
        if (view.Definition != definition.Name)
            throw new SagaConflictException(Id, $"Saga '{Id}' already exists with definition '{view.Definition}'.");
        if (!JsonElement.DeepEquals(view.Input, request.Input))
            throw new SagaConflictException(Id, $"Saga '{Id}' already exists with a different input.");
        return new SagaStartResult(Describe(), false);
    }

    public Task<SagaDescription> DescribeAsync() => Task.FromResult(Describe());

    public async Task<SagaDescription> WaitAsync(TimeSpan maxWait)
    {
        var current = Describe();
        if (current.Status.IsTerminal() || maxWait <= TimeSpan.Zero) return current;
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add(waiter);
        try
        {
            var limit = maxWait < GrainSagaClient.WaitSlice ? maxWait : GrainSagaClient.WaitSlice;
            await waiter.Task.WaitAsync(limit).ConfigureAwait(true);
        }
        catch (TimeoutException)
        {
            // The wait elapsed: describe the saga as it is.
        }
        finally
        {
            _waiters.Remove(waiter);
        }
        return Describe();
    }

    public Task SignalAsync(string name, JsonElement payload)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SagaInputException("name", "The signal name is required.");
        CheckPayload("payload", payload);
        return DeliverAsync(new SignalReceived(name, payload.ValueKind == JsonValueKind.Undefined ? SagaJson.Parse("null") : payload));
    }

    public Task CancelAsync(string reason) => DeliverAsync(new CancelSaga(reason));

    public Task RetryStuckAsync(string node) => DeliverAsync(new RetryStuckUndo(node));

    public Task SkipStuckAsync(string node) => DeliverAsync(new SkipStuckUndo(node));

    public async Task<SagaHistoryEntry[]> GetHistoryAsync()
    {
        EnsureExists();
        // History is written off the decision path: wait until this saga's latest events are in the table.
        await _lastCatalogWrite.ConfigureAwait(true);
        var events = await _storage.Catalog.ReadEventsAsync(Id).ConfigureAwait(true);
        return [.. events.Select(SagaDescriptions.ToHistory)];
    }

    public async Task DeliverAsync(SagaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureExists();
        if (message is StepCompleted or StepFailed or UndoCompleted or UndoFailed) ForgetInflight(message);
        await CommitAsync(_definition!, _state!, message, create: false).ConfigureAwait(true);
    }

    public Task WakeAsync() => Task.CompletedTask;

    private void EnsureExists()
    {
        if (_definition is not null && _state is not null) return;
        // A dropped activation knows nothing for sure any more: the caller retries and reaches the next activation.
        if (_dropped) throw new InvalidOperationException($"Saga '{Id}' is moving to another activation; retry the call.");
        // Nothing stored under this id: do not keep an empty activation around.
        DeactivateOnIdle();
        throw new SagaNotFoundException(Id);
    }

    private SagaDescription Describe()
    {
        EnsureExists();
        return SagaDescriptions.FromRecord(CatalogRecord());
    }

    private static void ValidateId(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new SagaInputException("id", "The field 'id' must not be empty.");
        if (id.Length > 200) throw new SagaInputException("id", $"The field 'id' must be at most 200 characters (was {id.Length}).");
        if (id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new SagaInputException("id", "The field 'id' must not contain whitespace or control characters.");
    }

    private void CheckPayload(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined) return;
        var size = System.Text.Encoding.UTF8.GetByteCount(value.GetRawText());
        if (size > _options.PayloadLimitBytes)
            throw new SagaInputException(field, $"The field '{field}' is {size} bytes, over the limit of {_options.PayloadLimitBytes} bytes.", tooLarge: true);
    }
}
