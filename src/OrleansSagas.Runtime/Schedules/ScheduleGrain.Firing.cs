using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Grains;

namespace OrleansSagas.Schedules;

/// <summary>Deciding due occurrences: catch-up, overlap, and the idempotent start of each run's saga.</summary>
internal sealed partial class ScheduleGrain
{
    /// <summary>The most sagas one turn starts; more due ones continue on the next turn right away.</summary>
    private const int MaxStartsPerTurn = 50;

    /// <summary>Decides every due occurrence (and a waiting run whose previous run ended), then records the decisions.</summary>
    private async Task FireAsync()
    {
        if (_spec is null || _timing is null) return;
        var now = _clock.GetUtcNow();
        var changed = false;
        var more = false;
        try
        {
            if (State.Buffered is { } buffered && !State.Paused && !await IsRunningAsync(State.LastSagaId).ConfigureAwait(true))
            {
                // Cleared only once started (or failed for good): a start that fails for a moment is tried again.
                await StartAsync(buffered, State.BufferedManual, "started: the previous run ended (buffered)").ConfigureAwait(true);
                State.Buffered = null;
                State.BufferedManual = false;
                changed = true;
            }
            if (!State.Paused && RunsLeft > 0)
            {
                var due = ScheduleDecider.Due(_timing, Name, _spec.Jitter, State.Cursor, now);
                var starts = 0;
                foreach (var decision in ScheduleDecider.CatchUp(due, _spec.CatchUp, _spec.CatchUpWindow ?? ScheduleSpec.DefaultCatchUpWindow, now))
                {
                    if (decision.Run && (starts == MaxStartsPerTurn || RunsLeft == 0))
                    {
                        more = RunsLeft > 0;
                        break;
                    }
                    changed = true;
                    if (decision.Run)
                    {
                        starts++;
                        await DecideAsync(decision.Occurrence, manual: false, decision.Note).ConfigureAwait(true);
                    }
                    else
                    {
                        RecordMissed(decision.Occurrence, now, decision.Note!);
                    }
                    State.Cursor = decision.Occurrence;
                }
            }
        }
        finally
        {
            // What was decided before a failure is recorded; the rest is decided again (idempotently) on the retry.
            if (changed)
            {
                State.UpdatedAt = now;
                await WriteAsync().ConfigureAwait(true);
            }
        }
        if (IsEnded) await RemoveReminderAsync().ConfigureAwait(true);
        ScheduleTimer(more ? TimeSpan.Zero : null);
    }

    /// <summary>Applies the overlap policy to one occurrence and starts, buffers or skips it.</summary>
    private async Task DecideAsync(DateTimeOffset occurrence, bool manual, string? note)
    {
        var previous = State.LastSagaId;
        // Runs may overlap under allow: no need to ask the previous run (which may be moving after a silo failure).
        var running = _spec!.Overlap != ScheduleOverlapPolicy.Allow && await IsRunningAsync(previous).ConfigureAwait(true);
        var prefix = note is null ? "" : note + "; ";
        switch (ScheduleDecider.Overlap(_spec.Overlap, running, State.Buffered is not null))
        {
            case OverlapAction.Start:
                await StartAsync(occurrence, manual, prefix + "started").ConfigureAwait(true);
                break;
            case OverlapAction.CancelPreviousAndStart:
                await GrainFactory.GetGrain<ISagaGrain>(previous!).CancelAsync($"Cancelled by schedule '{Name}': the occurrence {ScheduleIds.FormatOccurrence(occurrence)} replaces it.").ConfigureAwait(true);
                await StartAsync(occurrence, manual, prefix + $"started; cancelled the previous run ({previous})").ConfigureAwait(true);
                break;
            case OverlapAction.Buffer:
                State.Buffered = occurrence;
                State.BufferedManual = manual;
                Record(occurrence, ScheduleRunOutcome.Buffered, null, null, prefix + $"buffered: previous still running ({previous})", manual);
                break;
            default:
                var why = State.Buffered is not null && _spec.Overlap == ScheduleOverlapPolicy.BufferOne ? " and a run already waits" : "";
                Record(occurrence, ScheduleRunOutcome.Skipped, null, null, prefix + $"skipped: previous still running ({previous}){why}", manual);
                break;
        }
    }

    /// <summary>Starts the occurrence's saga; the same occurrence always names the same saga, so this is safe to repeat.</summary>
    private async Task StartAsync(DateTimeOffset occurrence, bool manual, string note)
    {
        var sagaId = ScheduleIds.SagaId(Name, occurrence);
        try
        {
            var result = await GrainFactory.GetGrain<ISagaGrain>(sagaId).StartAsync(new(_spec!.Definition, null, RunInput(occurrence))).ConfigureAwait(true);
            Started(result.Created ? note : note + " (already started by an earlier firing)", result.Saga.Status);
        }
        catch (SagaConflictException)
        {
            // Started by an earlier firing, before the schedule's input changed: still this occurrence's one saga.
            Started(note + " (already started by an earlier firing, with the schedule's previous input)", null);
        }
        catch (Exception e) when (e is DefinitionNotFoundException or SagaInputException)
        {
            LogStartFailed(Name, sagaId, e.Message);
            Record(occurrence, ScheduleRunOutcome.Failed, null, null, $"failed: {e.Message}", manual);
        }

        void Started(string text, SagaStatus? status)
        {
            State.LastSagaId = sagaId;
            if (manual) State.ManualRuns++;
            else State.TimedRuns++;
            Record(occurrence, ScheduleRunOutcome.Started, sagaId, status, text, manual);
        }
    }

    /// <summary>The fixed input with the schedule's name and the occurrence added (the same for every firing of the occurrence).</summary>
    private JsonElement RunInput(DateTimeOffset occurrence)
    {
        var input = _spec!.Input is { ValueKind: JsonValueKind.Object } fixedInput ? JsonObject.Create(fixedInput)!.DeepClone().AsObject() : [];
        input[ScheduleValidator.NameProperty] = Name;
        input[ScheduleValidator.OccurrenceProperty] = ScheduleIds.FormatOccurrence(occurrence);
        return JsonSerializer.SerializeToElement(input, SagaJson.Options);
    }

    private async Task<bool> IsRunningAsync(string? sagaId)
    {
        if (sagaId is null) return false;
        try
        {
            var saga = await GrainFactory.GetGrain<ISagaGrain>(sagaId).DescribeAsync().ConfigureAwait(true);
            return !saga.Status.IsTerminal();
        }
        catch (SagaNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Asks the sagas of recent runs not known to be over how they are doing.</summary>
    private async Task RefreshRunStatusesAsync()
    {
        var open = State.Runs.Select((r, i) => (r, i)).Where(x => x.r.SagaId is not null && (x.r.SagaStatus is not { } s || !((SagaStatus)s).IsTerminal())).ToList();
        var statuses = await Task.WhenAll(open.Select(async x =>
        {
            try
            {
                return (SagaStatus?)(await GrainFactory.GetGrain<ISagaGrain>(x.r.SagaId!).DescribeAsync().ConfigureAwait(true)).Status;
            }
            catch (SagaNotFoundException)
            {
                return null;
            }
        })).ConfigureAwait(true);
        for (var k = 0; k < open.Count; k++)
            State.Runs[open[k].i] = open[k].r with { SagaStatus = (int?)statuses[k] ?? open[k].r.SagaStatus };
    }

    private void Record(DateTimeOffset occurrence, ScheduleRunOutcome outcome, string? sagaId, SagaStatus? status, string note, bool manual)
    {
        State.Runs.Insert(0, new ScheduleRunRecord(occurrence, _clock.GetUtcNow(), (int)outcome, sagaId, note, manual, (int?)status));
        if (State.Runs.Count > KeptRuns) State.Runs.RemoveRange(KeptRuns, State.Runs.Count - KeptRuns);
        State.Note = note;
    }

    /// <summary>Consecutive missed occurrences of one reason are kept as one entry (a long outage is one line, not thousands).</summary>
    private void RecordMissed(DateTimeOffset occurrence, DateTimeOffset now, string reason)
    {
        if (State.Runs.Count > 0 && State.Runs[0] is { Outcome: (int)ScheduleRunOutcome.Missed } last && last.Reason == reason)
        {
            var count = last.Count + 1;
            var from = last.From ?? last.Occurrence;
            State.Runs[0] = last with
            {
                Occurrence = occurrence,
                DecidedAt = now,
                Count = count,
                From = from,
                Note = $"{reason}: {count} occurrences from {ScheduleIds.FormatOccurrence(from)} to {ScheduleIds.FormatOccurrence(occurrence)}",
            };
            State.Note = State.Runs[0].Note;
            return;
        }
        Record(occurrence, ScheduleRunOutcome.Missed, null, null, reason, manual: false);
        State.Runs[0] = State.Runs[0] with { Reason = reason, Count = 1 };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule}: starting saga {SagaId} failed for good: {Reason}")]
    private partial void LogStartFailed(string schedule, string sagaId, string reason);
}
