namespace OrleansSagas.StatesLanguage.Model;

/// <summary>One element of a Retry array, with the States Language defaults.</summary>
internal sealed class RetrierDefinition
{
    public required IReadOnlyList<string> ErrorEquals { get; init; }

    public int IntervalSeconds { get; init; } = 1;

    public int MaxAttempts { get; init; } = 3;

    public double BackoffRate { get; init; } = 2.0;

    public int? MaxDelaySeconds { get; init; }

    /// <summary>"FULL" randomises each delay in [0, delay); "NONE" (default) keeps it exact.</summary>
    public string JitterStrategy { get; init; } = "NONE";
}
