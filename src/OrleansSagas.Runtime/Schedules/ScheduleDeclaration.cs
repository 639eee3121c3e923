namespace OrleansSagas.Schedules;

/// <summary>A schedule declared in code with <c>AddSchedule</c>: created or updated when the silo starts.</summary>
internal sealed record ScheduleDeclaration(string Name, ScheduleSpec Spec);
