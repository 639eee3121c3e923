namespace OrleansSagas.StatesLanguage.Execution.Effects;

/// <summary>Arm a durable timer; deliver AslTimerFired(<see cref="TimerId"/>) when <see cref="DueAt"/> is reached.</summary>
/// <param name="TimerId">Unique within the execution.</param>
/// <param name="DueAt">When the timer is due.</param>
public sealed record AslStartTimer(string TimerId, DateTimeOffset DueAt) : AslEffect;
