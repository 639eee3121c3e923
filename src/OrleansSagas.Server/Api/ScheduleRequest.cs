using System.Globalization;
using System.Text.Json;
using OrleansSagas.Schedules;

namespace OrleansSagas.Server.Api;

/// <summary>
/// The body of <c>PUT /api/schedules/{name}</c>, read field by field so every problem is reported at once:
/// <c>{"definition","input","cron" | "every","startAt","timeZone","overlap","catchUp","catchUpWindow","paused","jitter","endAt","maxRuns"}</c>.
/// Durations are <c>[d.]hh:mm:ss</c>, instants ISO-8601 with an offset, policies their names in any case.
/// </summary>
internal static class ScheduleRequest
{
    private static readonly string[] Fields = ["definition", "input", "cron", "every", "startAt", "timeZone", "overlap", "catchUp", "catchUpWindow", "paused", "jitter", "endAt", "maxRuns"];

    public static ScheduleSpec Parse(JsonElement body, List<ScheduleProblem> problems)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ScheduleProblem("body", "The request body must be a JSON object with 'definition' and 'cron' or 'every'."));
            return new ScheduleSpec { Definition = "" };
        }
        foreach (var property in body.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                problems.Add(new ScheduleProblem(property.Name, $"Unknown field '{property.Name}'; expected {string.Join(", ", Fields)}."));
        }
        var definition = Read(body, "definition", problems, e => e.ValueKind == JsonValueKind.String ? e.GetString() : null, "a string");
        if (definition is null && !problems.Any(p => p.Field == "definition")) problems.Add(new ScheduleProblem("definition", "The field 'definition' is required."));
        return new ScheduleSpec
        {
            Definition = definition ?? "",
            Input = body.TryGetProperty("input", out var input) && input.ValueKind != JsonValueKind.Null ? input.Clone() : null,
            Cron = Read(body, "cron", problems, e => e.ValueKind == JsonValueKind.String ? e.GetString() : null, "a string"),
            Every = ReadDuration(body, "every", problems),
            StartAt = ReadInstant(body, "startAt", problems),
            TimeZone = Read(body, "timeZone", problems, e => e.ValueKind == JsonValueKind.String ? e.GetString() : null, "a string"),
            Overlap = ReadEnum(body, "overlap", problems, ScheduleOverlapPolicy.Skip),
            CatchUp = ReadEnum(body, "catchUp", problems, ScheduleCatchUpPolicy.Last),
            CatchUpWindow = ReadDuration(body, "catchUpWindow", problems),
            Paused = Read(body, "paused", problems, e => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : (bool?)null, "true or false") ?? false,
            Jitter = ReadDuration(body, "jitter", problems),
            EndAt = ReadInstant(body, "endAt", problems),
            MaxRuns = Read(body, "maxRuns", problems, e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) ? n : (int?)null, "a whole number"),
        };
    }

    private static T? Read<T>(JsonElement body, string field, List<ScheduleProblem> problems, Func<JsonElement, T?> read, string expected)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return default;
        var result = read(value);
        if (result is null) problems.Add(new ScheduleProblem(field, $"The field '{field}' must be {expected} (was {value.GetRawText()})."));
        return result;
    }

    private static TimeSpan? ReadDuration(JsonElement body, string field, List<ScheduleProblem> problems) =>
        Read(body, field, problems, e => e.ValueKind == JsonValueKind.String && TimeSpan.TryParse(e.GetString(), CultureInfo.InvariantCulture, out var t) ? t : (TimeSpan?)null,
            "a duration such as \"00:00:05\" or \"1.00:00:00\"");

    private static DateTimeOffset? ReadInstant(JsonElement body, string field, List<ScheduleProblem> problems) =>
        Read(body, field, problems, e => e.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null,
            "an ISO-8601 date and time such as \"2026-03-29T02:30:00+02:00\"");

    private static T ReadEnum<T>(JsonElement body, string field, List<ScheduleProblem> problems, T fallback) where T : struct, Enum =>
        Read(body, field, problems, e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } text && !char.IsAsciiDigit(text[0])
            && Enum.TryParse<T>(text, ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : (T?)null,
            "one of " + string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))) ?? fallback;
}
