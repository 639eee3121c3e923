using OrleansSagas.Client;

namespace OrleansSagas.Schedules;

/// <summary>A schedule definition was refused; <see cref="Problems"/> lists every problem with its field. Nothing was stored.</summary>
[GenerateSerializer]
public sealed class ScheduleSpecException : SagaException
{
    /// <summary>Creates the exception from every problem found.</summary>
    public ScheduleSpecException(IReadOnlyList<ScheduleProblem> problems)
        : base(Describe(problems))
    {
        Fields = [.. problems.Select(p => p.Field)];
        Messages = [.. problems.Select(p => p.Message)];
    }

    [Id(0)]
    private string[] Fields { get; }

    [Id(1)]
    private string[] Messages { get; }

    /// <summary>Every problem, each naming its field.</summary>
    public IReadOnlyList<ScheduleProblem> Problems => [.. Fields.Zip(Messages, (f, m) => new ScheduleProblem(f, m))];

    /// <summary>The field of the first problem.</summary>
    public string Field => Fields.Length > 0 ? Fields[0] : "body";

    private static string Describe(IReadOnlyList<ScheduleProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"The schedule has {problems.Count} problem(s): " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"));
    }
}
