using System.IO.Hashing;
using System.Text;

namespace OrleansSagas.Schedules;

/// <summary>
/// The pure decisions of a schedule: which occurrences are due, which of them run under the catch-up policy, what an
/// occurrence does while the previous run is still running, and each occurrence's jitter. No clock, no I/O.
/// </summary>
internal static class ScheduleDecider
{
    /// <summary>An occurrence fired less late than this is on time; later, or followed by another due one, it was missed.</summary>
    public static readonly TimeSpan OnTimeTolerance = TimeSpan.FromMinutes(1);

    /// <summary>The most due occurrences looked at in one decision (a bound on work after very long downtime).</summary>
    public const int MaxDue = 1_000_000;

    /// <summary>The delay of <paramref name="occurrence"/> within <paramref name="jitter"/>: fixed per schedule and occurrence.</summary>
    public static TimeSpan JitterOf(string name, DateTimeOffset occurrence, TimeSpan? jitter)
    {
        if (jitter is not { } max || max <= TimeSpan.Zero) return TimeSpan.Zero;
        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes($"{name}@{occurrence.UtcTicks}"));
        var fraction = (hash >> 11) * (1.0 / (1UL << 53));
        return TimeSpan.FromTicks((long)(fraction * max.Ticks));
    }

    /// <summary>Occurrences after <paramref name="cursor"/> whose fire time (occurrence + jitter) has come, oldest first.</summary>
    public static List<DueOccurrence> Due(ScheduleTiming timing, string name, TimeSpan? jitter, DateTimeOffset cursor, DateTimeOffset now)
    {
        var due = new List<DueOccurrence>();
        var at = cursor;
        while (due.Count < MaxDue && timing.NextAfter(at) is { } occurrence)
        {
            var fireAt = occurrence + JitterOf(name, occurrence, jitter);
            if (fireAt > now) break;
            due.Add(new DueOccurrence(occurrence, fireAt));
            at = occurrence;
        }
        return due;
    }

    /// <summary>When the first occurrence after <paramref name="cursor"/> fires, or null when there is none.</summary>
    public static DueOccurrence? Next(ScheduleTiming timing, string name, TimeSpan? jitter, DateTimeOffset cursor) =>
        timing.NextAfter(cursor) is { } occurrence ? new DueOccurrence(occurrence, occurrence + JitterOf(name, occurrence, jitter)) : null;

    /// <summary>
    /// Which due occurrences run. The latest one runs when it is on time; every other one was missed, and the policy
    /// decides: <c>all</c> runs those within the window, <c>last</c> runs only the latest within the window, <c>none</c> runs none.
    /// </summary>
    public static List<CatchUpDecision> CatchUp(IReadOnlyList<DueOccurrence> due, ScheduleCatchUpPolicy policy, TimeSpan window, DateTimeOffset now)
    {
        var decisions = new List<CatchUpDecision>(due.Count);
        for (var i = 0; i < due.Count; i++)
        {
            var (occurrence, fireAt) = due[i];
            var latest = i == due.Count - 1;
            var late = now - fireAt;
            if (latest && late <= OnTimeTolerance)
            {
                decisions.Add(new CatchUpDecision(occurrence, true, null));
                continue;
            }
            var inWindow = late <= window;
            var (run, note) = policy switch
            {
                ScheduleCatchUpPolicy.All when inWindow => (true, "caught up (catch-up: all)"),
                ScheduleCatchUpPolicy.Last when inWindow && latest => (true, "caught up (catch-up: last)"),
                ScheduleCatchUpPolicy.All or ScheduleCatchUpPolicy.Last when !inWindow => (false, $"missed: older than the catch-up window of {window}"),
                ScheduleCatchUpPolicy.Last => (false, "missed: a later occurrence is due (catch-up: last)"),
                _ => (false, "missed (catch-up: none)"),
            };
            decisions.Add(new CatchUpDecision(occurrence, run, note));
        }
        return decisions;
    }

    /// <summary>What an occurrence does given whether the previous run is still running and whether a run already waits.</summary>
    public static OverlapAction Overlap(ScheduleOverlapPolicy policy, bool previousRunning, bool bufferTaken) =>
        !previousRunning ? OverlapAction.Start : policy switch
        {
            ScheduleOverlapPolicy.Allow => OverlapAction.Start,
            ScheduleOverlapPolicy.CancelPrevious => OverlapAction.CancelPreviousAndStart,
            ScheduleOverlapPolicy.BufferOne when !bufferTaken => OverlapAction.Buffer,
            _ => OverlapAction.Skip,
        };
}

/// <summary>An occurrence and the instant it fires (the occurrence plus its jitter).</summary>
internal readonly record struct DueOccurrence(DateTimeOffset Occurrence, DateTimeOffset FireAt);

/// <summary>Whether a due occurrence runs under the catch-up policy, and why (null for an on-time run).</summary>
internal sealed record CatchUpDecision(DateTimeOffset Occurrence, bool Run, string? Note);

/// <summary>What an occurrence does about a previous run that may still be running.</summary>
internal enum OverlapAction
{
    Start,
    Skip,
    Buffer,
    CancelPreviousAndStart,
}
