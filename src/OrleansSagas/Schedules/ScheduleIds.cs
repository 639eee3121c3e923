using System.Globalization;

namespace OrleansSagas.Schedules;

/// <summary>How a schedule names its sagas: <c>{schedule}@{occurrence UTC}</c>, so a repeated firing is an idempotent start.</summary>
public static class ScheduleIds
{
    /// <summary>The prefix every saga id of <paramref name="schedule"/> starts with.</summary>
    public static string Prefix(string schedule) => schedule + "@";

    /// <summary>The saga id of <paramref name="schedule"/>'s occurrence at <paramref name="occurrence"/>, e.g. <c>nightly@2026-03-29T00:30:00Z</c>.</summary>
    public static string SagaId(string schedule, DateTimeOffset occurrence) => Prefix(schedule) + FormatOccurrence(occurrence);

    /// <summary>An occurrence as UTC ISO-8601 with the milliseconds it has (none for whole seconds): <c>2026-03-29T00:30:00Z</c>.</summary>
    public static string FormatOccurrence(DateTimeOffset occurrence) =>
        occurrence.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
