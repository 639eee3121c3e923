using OrleansSagas.Client;

namespace OrleansSagas.Schedules;

/// <summary>No schedule has the given name.</summary>
[GenerateSerializer]
public sealed class ScheduleNotFoundException : SagaException
{
    /// <summary>Creates the exception for <paramref name="name"/>.</summary>
    public ScheduleNotFoundException(string name) : base($"Schedule '{name}' was not found.") => Name = name;

    /// <summary>The unknown name.</summary>
    [Id(0)]
    public string Name { get; }
}
