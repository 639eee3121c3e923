namespace OrleansSagas.Engine;

/// <summary>
/// A fact recorded in a saga's log. The log is the truth: a saga's state is the fold of its events,
/// so replaying any prefix of the log rebuilds the state at that point.
/// </summary>
public abstract record SagaEvent
{
    /// <summary>When the decision that recorded the event was made.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
