namespace OrleansSagas.Engine;

/// <summary>What an observer sees of one node: name, status and attempts so far.</summary>
/// <param name="Name">The node name.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">How many attempts of its action were started.</param>
public sealed record StepSummary(string Name, StepStatus Status, int Attempts);
