namespace OrleansSagas.StatesLanguage.Execution.Messages;

/// <summary>A timer asked for by a <see cref="Effects.AslStartTimer"/> effect is due.</summary>
/// <param name="TimerId">The id from the StartTimer effect.</param>
public sealed record AslTimerFired(string TimerId) : AslMessage;
