namespace OrleansSagas.Schedules;

/// <summary>One thing wrong with a schedule definition.</summary>
/// <param name="Field">The field at fault, as in the HTTP body (e.g. "cron", "timeZone", "definition").</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record ScheduleProblem(string Field, string Message);
