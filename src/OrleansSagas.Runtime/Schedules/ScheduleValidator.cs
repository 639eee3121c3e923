using System.Text;
using System.Text.Json;
using Cronos;

namespace OrleansSagas.Schedules;

/// <summary>Checks a schedule name and definition, listing every problem with its field (as in the HTTP body).</summary>
internal static class ScheduleValidator
{
    public const int MaxNameLength = 100;

    /// <summary>The input properties a schedule adds to each run's input.</summary>
    public const string NameProperty = "scheduleName";

    public const string OccurrenceProperty = "scheduledAt";

    public static List<ScheduleProblem> Validate(string name, ScheduleSpec spec, int payloadLimitBytes)
    {
        var problems = new List<ScheduleProblem>();
        if (NameProblem(name) is { } nameProblem) problems.Add(new ScheduleProblem("name", nameProblem));
        if (string.IsNullOrWhiteSpace(spec.Definition)) problems.Add(new ScheduleProblem("definition", "The field 'definition' is required."));
        CheckInput(spec.Input, payloadLimitBytes, problems);
        CheckTiming(spec, problems);
        if (spec.CatchUpWindow is { } window && window <= TimeSpan.Zero)
            problems.Add(new ScheduleProblem("catchUpWindow", $"The field 'catchUpWindow' must be positive (was {window})."));
        if (spec.Jitter is { } jitter)
        {
            if (jitter < TimeSpan.Zero) problems.Add(new ScheduleProblem("jitter", $"The field 'jitter' must not be negative (was {jitter})."));
            else if (spec.Every is { } every && every > TimeSpan.Zero && jitter >= every)
                problems.Add(new ScheduleProblem("jitter", $"The field 'jitter' must be shorter than 'every' (was {jitter}, every {every})."));
        }
        if (spec.MaxRuns is { } max && max < 1) problems.Add(new ScheduleProblem("maxRuns", $"The field 'maxRuns' must be at least 1 (was {max})."));
        if (spec.EndAt is { } end && spec.StartAt is { } start && end <= start)
            problems.Add(new ScheduleProblem("endAt", $"The field 'endAt' ({end:O}) must be after 'startAt' ({start:O})."));
        if (!Enum.IsDefined(spec.Overlap)) problems.Add(new ScheduleProblem("overlap", $"Unknown overlap policy {spec.Overlap}."));
        if (!Enum.IsDefined(spec.CatchUp)) problems.Add(new ScheduleProblem("catchUp", $"Unknown catch-up policy {spec.CatchUp}."));
        return problems;
    }

    /// <summary>Why <paramref name="name"/> cannot name a schedule, or null: 1–100 letters, digits, '-', '_' or '.'.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "The schedule name must not be empty.";
        if (name.Length > MaxNameLength) return $"The schedule name must be at most {MaxNameLength} characters (was {name.Length}).";
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return $"The schedule name '{name}' may contain only letters, digits, '-', '_' and '.'.";
        return null;
    }

    private static void CheckInput(JsonElement? input, int payloadLimitBytes, List<ScheduleProblem> problems)
    {
        if (input is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ScheduleProblem("input", $"The field 'input' must be a JSON object or null (was {value.ValueKind.ToString().ToLowerInvariant()}): each run adds '{NameProperty}' and '{OccurrenceProperty}' to it."));
            return;
        }
        foreach (var reserved in new[] { NameProperty, OccurrenceProperty })
        {
            if (value.TryGetProperty(reserved, out _))
                problems.Add(new ScheduleProblem("input", $"The field 'input' must not have a property '{reserved}': each run sets it."));
        }
        var size = Encoding.UTF8.GetByteCount(value.GetRawText());
        if (size > payloadLimitBytes - 200)
            problems.Add(new ScheduleProblem("input", $"The field 'input' is {size} bytes, over the limit of {payloadLimitBytes - 200} bytes for a scheduled input."));
    }

    private static void CheckTiming(ScheduleSpec spec, List<ScheduleProblem> problems)
    {
        switch (spec.Cron, spec.Every)
        {
            case (null, null):
                problems.Add(new ScheduleProblem("cron", "One of the fields 'cron' and 'every' is required."));
                break;
            case (not null, not null):
                problems.Add(new ScheduleProblem("every", "Set either 'cron' or 'every', not both."));
                break;
            case (string cron, null):
                var fields = cron.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
                if (fields is not (5 or 6))
                {
                    problems.Add(new ScheduleProblem("cron", $"The cron expression '{cron}' has {fields} field(s); expected 5 (minute hour day month weekday) or 6 (seconds first)."));
                    break;
                }
                try
                {
                    ScheduleTiming.ParseCron(cron);
                }
                catch (CronFormatException e)
                {
                    problems.Add(new ScheduleProblem("cron", $"The cron expression '{cron}' is invalid: {e.Message}"));
                }
                break;
            case (null, TimeSpan every):
                if (every < TimeSpan.FromSeconds(1)) problems.Add(new ScheduleProblem("every", $"The field 'every' must be at least 1 second (was {every})."));
                break;
        }
        if (spec.TimeZone is { } zone && ScheduleTiming.FindZone(zone) is null)
            problems.Add(new ScheduleProblem("timeZone", $"Unknown time zone '{zone}'; use an IANA name such as 'Europe/Berlin' or 'UTC'."));
    }
}
