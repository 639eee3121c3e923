using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Grains;
using OrleansSagas.Hosting;
using OrleansSagas.Runtime;

namespace OrleansSagas.Schedules;

/// <summary>
/// One schedule. At each occurrence it starts a saga whose id derives from the schedule name and the occurrence, so a
/// retried or duplicated firing (after a crash, or by a second activation during a failover) is an idempotent start.
/// It records what it decided after the start, so a crash in between only repeats the idempotent start. A grain timer
/// fires the next occurrence while it is active; one reminder is the durable backstop.
/// </summary>
internal sealed partial class ScheduleGrain : Grain, IScheduleGrain, IRemindable
{
    public const int KeptRuns = 20;
    private const int NextShown = 5;
    private readonly IPersistentState<ScheduleGrainState> _store;
    private readonly SagaDefinitionRegistry _definitions;
    private readonly SagaRuntimeOptions _options;
    private readonly SagaClock _clock;
    private readonly ILogger _logger;
    private ScheduleSpec? _spec;
    private ScheduleTiming? _timing;

    public ScheduleGrain(
        [PersistentState("schedule", SagaStorageNames.Default)] IPersistentState<ScheduleGrainState> store,
        SagaDefinitionRegistry definitions, IOptions<SagaRuntimeOptions> options, SagaClock clock, ILogger<ScheduleGrain> logger)
    {
        _store = store;
        _definitions = definitions;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    private string Name => this.GetPrimaryKeyString();

    private ScheduleGrainState State => _store.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Spec is not { } json) return;
        Adopt(JsonSerializer.Deserialize<ScheduleSpec>(json, SagaJson.Options)!);
        if (!IsEnded) await EnsureReminderAsync().ConfigureAwait(true);
        // Occurrences that came due while no activation ran fire on this timer at once.
        ScheduleTimer();
    }

    public async Task<SchedulePutResult> PutAsync(ScheduleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await ValidateAsync(spec).ConfigureAwait(true);
        var json = JsonSerializer.Serialize(spec with { Paused = false }, SagaJson.Options);
        var created = _spec is null;
        if (!created && json == State.Spec && spec.Paused == State.Paused) return new SchedulePutResult(await DescribeAsync().ConfigureAwait(true), false);

        var now = _clock.GetUtcNow();
        if (created)
        {
            // Listed first and given its reminder before it exists: a crash in between leaves a name that describes as
            // unknown and a reminder that removes itself, never a schedule nobody wakes.
            await GrainFactory.GetGrain<IScheduleRegistryGrain>(0).AddAsync(Name).ConfigureAwait(true);
            // Nothing of a deleted schedule of the same name carries over.
            _store.State = new ScheduleGrainState { CreatedAt = now };
        }
        var timingChanged = created || _spec!.Cron != spec.Cron || _spec.Every != spec.Every || _spec.StartAt != spec.StartAt || _spec.TimeZone != spec.TimeZone;
        // A new timing starts from now: occurrences it would have had before are not caught up.
        if (timingChanged) State.Cursor = now;
        if (State.Paused && !spec.Paused && State.Cursor < now) State.Cursor = now;
        State.Paused = spec.Paused;
        State.Spec = json;
        State.Note = created ? "created" : "updated";
        if (spec.Paused) State.Note += " (paused)";
        State.UpdatedAt = now;
        var previous = (_spec, _timing);
        Adopt(spec with { Paused = false });
        if (!IsEnded) await EnsureReminderAsync().ConfigureAwait(true);
        try
        {
            await WriteAsync().ConfigureAwait(true);
        }
        catch
        {
            (_spec, _timing) = previous;
            throw;
        }
        LogPut(Name, created ? "created" : "updated");
        ScheduleTimer();
        return new SchedulePutResult(await DescribeAsync().ConfigureAwait(true), created);
    }

    public async Task<ScheduleDescription> DescribeAsync()
    {
        EnsureExists();
        await RefreshRunStatusesAsync().ConfigureAwait(true);
        var status = State.Paused ? ScheduleStatus.Paused : IsEnded ? ScheduleStatus.Ended : ScheduleStatus.Active;
        var next = status == ScheduleStatus.Active ? _timing!.Next(State.Cursor, (int)Math.Min(NextShown, RunsLeft)) : [];
        return new ScheduleDescription
        {
            Name = Name,
            Spec = _spec! with { Paused = State.Paused },
            Status = status,
            NextOccurrences = next,
            Runs = [.. State.Runs.Select(ToRun)],
            RunCount = State.TimedRuns + State.ManualRuns,
            Note = State.Note,
            CreatedAt = State.CreatedAt,
            UpdatedAt = State.UpdatedAt,
        };
    }

    public async Task DeleteAsync()
    {
        EnsureExists();
        await _store.ClearStateAsync().ConfigureAwait(true);
        _spec = null;
        _timing = null;
        _timer?.Dispose();
        _timer = null;
        await RemoveReminderAsync().ConfigureAwait(true);
        await GrainFactory.GetGrain<IScheduleRegistryGrain>(0).RemoveAsync(Name).ConfigureAwait(true);
        LogPut(Name, "deleted");
        DeactivateOnIdle();
    }

    public async Task<ScheduleDescription> PauseAsync(string? note)
    {
        EnsureExists();
        State.Paused = true;
        State.Note = "paused" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note}");
        State.UpdatedAt = _clock.GetUtcNow();
        await WriteAsync().ConfigureAwait(true);
        ScheduleTimer();
        return await DescribeAsync().ConfigureAwait(true);
    }

    public async Task<ScheduleDescription> ResumeAsync(string? note)
    {
        EnsureExists();
        var now = _clock.GetUtcNow();
        if (State.Paused && State.Cursor < now) State.Cursor = now;
        State.Paused = false;
        State.Note = "resumed" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note}");
        State.UpdatedAt = now;
        if (!IsEnded) await EnsureReminderAsync().ConfigureAwait(true);
        await WriteAsync().ConfigureAwait(true);
        ScheduleTimer();
        return await DescribeAsync().ConfigureAwait(true);
    }

    public async Task<ScheduleRun> TriggerAsync()
    {
        EnsureExists();
        var occurrence = ScheduleTiming.Truncate(_clock.GetUtcNow());
        await DecideAsync(occurrence, manual: true, "triggered").ConfigureAwait(true);
        State.UpdatedAt = _clock.GetUtcNow();
        await WriteAsync().ConfigureAwait(true);
        ScheduleTimer();
        return ToRun(State.Runs[0]);
    }

    public Task WakeAsync() => Task.CompletedTask;

    private async Task ValidateAsync(ScheduleSpec spec)
    {
        var problems = ScheduleValidator.Validate(Name, spec, _options.PayloadLimitBytes);
        if (!string.IsNullOrWhiteSpace(spec.Definition) && await _definitions.FindAsync(spec.Definition, null).ConfigureAwait(true) is null)
            problems.Add(new ScheduleProblem("definition", $"Definition '{spec.Definition}' is not registered."));
        if (problems.Count > 0) throw new ScheduleSpecException(problems);
    }

    private void Adopt(ScheduleSpec spec)
    {
        _spec = spec;
        _timing = ScheduleTiming.Of(spec);
    }

    private void EnsureExists()
    {
        if (_spec is not null) return;
        DeactivateOnIdle();
        if (ScheduleValidator.NameProblem(Name) is { } problem) throw new SagaInputException("name", problem);
        throw new ScheduleNotFoundException(Name);
    }

    private long RunsLeft => _spec?.MaxRuns is { } max ? Math.Max(0, max - State.TimedRuns) : long.MaxValue;

    /// <summary>Past its end time or maximum number of runs, with no run waiting: it starts nothing more by itself.</summary>
    private bool IsEnded => _spec is not null && State.Buffered is null && (RunsLeft == 0 || _timing!.NextAfter(State.Cursor) is null);

    private async Task WriteAsync()
    {
        try
        {
            await _store.WriteStateAsync().ConfigureAwait(true);
        }
        catch (Exception e)
        {
            // Another activation wrote first, or the write failed: this copy is no longer the truth; reload it on the next call.
            LogWriteFailed(Name, e.Message);
            _timer?.Dispose();
            _timer = null;
            DeactivateOnIdle();
            throw;
        }
    }

    private static ScheduleRun ToRun(ScheduleRunRecord r) =>
        new(r.Occurrence, r.DecidedAt, (ScheduleRunOutcome)r.Outcome, r.SagaId, (SagaStatus?)r.SagaStatus, r.Note, r.Manual);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} {What}.")]
    private partial void LogPut(string schedule, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule}: writing its state failed ({Reason}); this activation deactivates.")]
    private partial void LogWriteFailed(string schedule, string reason);
}
