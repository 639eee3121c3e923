using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;

namespace OrleansSagas.Grains;

internal sealed partial class SagaGrain
{
    private Task _lastCatalogWrite = Task.CompletedTask;
    private long _outboxConfirmedThrough;

    /// <summary>
    /// Decides on a message, writes the decision (write-ahead), then adopts the new state and runs the commands.
    /// Any failure before the write succeeded drops this activation's state: nothing of the decision runs.
    /// </summary>
    private async Task CommitAsync(ISagaDefinition definition, object state, SagaMessage message, bool create)
    {
        if (_dropped) throw new InvalidOperationException($"Saga '{Id}' is moving to another activation; retry the call.");
        // State machines sign $$.Task.Token while deciding: the keys must be at hand (a completed task once loaded).
        await _tokens.EnsureLoadedAsync().ConfigureAwait(true);
        var now = _clock.GetUtcNow();
        SagaTurn turn;
        try
        {
            turn = definition.Decide(state, message, now);
        }
        catch
        {
            // The definition may have reused the state it was given: it can no longer be trusted.
            Drop();
            throw;
        }

        var stored = _store.State;
        var timersChanged = ApplyTimers(stored.Timers, turn.Commands, (message as TimerFired)?.TimerId);
        var settledTasks = TrackExternalTasks(definition, turn, message);
        if (turn.Events.Count == 0 && !timersChanged && settledTasks is null)
        {
            _state = turn.State;
            Execute(turn.Commands);
            return;
        }

        var version = stored.Version;
        var recorded = new List<SagaOutboxEvent>(turn.Events.Count);
        foreach (var e in turn.Events)
        {
            var (type, json) = definition.Serialize(e);
            recorded.Add(new SagaOutboxEvent(++version, type, e.Timestamp, json));
        }

        if (create)
        {
            stored.Definition = definition.Name;
            stored.DefinitionVersion = definition.Version;
            stored.CreatedAt = now;
        }
        stored.Snapshot = definition.SerializeState(turn.State);
        stored.Version = version;
        stored.UpdatedAt = now;
        var confirmed = Interlocked.Read(ref _outboxConfirmedThrough);
        stored.Outbox.RemoveAll(e => e.Sequence <= confirmed);
        stored.Outbox.AddRange(recorded);
        try
        {
            await _store.WriteStateAsync().ConfigureAwait(true);
            _tasksDirty = false;
        }
        catch (Exception e)
        {
            if (e is InconsistentStateException) LogStaleWrite(Id, e.Message);
            Drop();
            throw;
        }

        _definition = definition;
        _state = turn.State;
        RecordInCatalog(recorded);
        ReleasePermits(settledTasks);
        ScheduleTimer();
        // A stuck saga an operator revives runs again: it needs its reminder back.
        if (!create && !_hasReminder && !IsTerminal) _ = EnsureReminderAsync();
        Execute(turn.Commands);
    }

    /// <summary>Applies a decision's timer commands (and the firing of <paramref name="fired"/>) to the armed set; true when it changed.</summary>
    private static bool ApplyTimers(Dictionary<string, DateTimeOffset> timers, IReadOnlyList<SagaCommand> commands, string? fired)
    {
        var changed = false;
        var armed = commands.OfType<ArmTimer>().ToList();
        var armedIds = armed.Select(a => a.TimerId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in commands.OfType<DisarmTimer>().Select(d => d.TimerId).Append(fired))
        {
            if (id is not null && !armedIds.Contains(id)) changed |= timers.Remove(id);
        }
        foreach (var a in armed)
        {
            changed |= !timers.TryGetValue(a.TimerId, out var due) || due != a.DueAt;
            timers[a.TimerId] = a.DueAt;
        }
        return changed;
    }

    /// <summary>Forgets this activation's state after a failed decision or a rejected write; the next call reloads it elsewhere.</summary>
    private void Drop()
    {
        _dropped = true;
        _definition = null;
        _state = null;
        CancelInflight();
        _timer?.Dispose();
        _timer = null;
        DeactivateOnIdle();
    }

    private SagaRecord CatalogRecord() =>
        SagaDescriptions.ToRecord(View!, Id, _store.State.Version, _store.State.CreatedAt, _store.State.UpdatedAt);

    private List<SagaEventRecord> OutboxRecords(IEnumerable<SagaOutboxEvent> events) =>
        [.. events.Select(e => new SagaEventRecord(Id, new StoredEvent(e.Sequence, e.Type, e.Timestamp, e.Data)))];

    /// <summary>
    /// Queues the catalog row of the current state and <paramref name="events"/> for the catalog; once they are durable,
    /// the outbox up to the current version may be trimmed by the next decision.
    /// </summary>
    private void RecordInCatalog(IEnumerable<SagaOutboxEvent> events)
    {
        _lastCatalogWrite = _catalog.WriteAsync(CatalogRecord(), OutboxRecords(events));
        TrackOutboxFlush(_lastCatalogWrite, _store.State.Version);
    }

    private void TrackOutboxFlush(Task write, long version) =>
        _ = write.ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully) return;
            long seen;
            do seen = Interlocked.Read(ref _outboxConfirmedThrough);
            while (seen < version && Interlocked.CompareExchange(ref _outboxConfirmedThrough, version, seen) != seen);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saga {SagaId}: another activation wrote first ({Reason}); this one runs nothing and deactivates.")]
    private partial void LogStaleWrite(string sagaId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saga {SagaId} activated as {Status}.")]
    private partial void LogResumed(string sagaId, SagaStatus status);
}
