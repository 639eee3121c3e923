namespace OrleansSagas.StatesLanguage.Execution.Effects;

/// <summary>A timer is no longer needed; a late AslTimerFired for it is ignored anyway.</summary>
/// <param name="TimerId">The id from the StartTimer effect.</param>
public sealed record AslCancelTimer(string TimerId) : AslEffect;
