namespace OrleansSagas.Engine;

/// <summary>A durable timer armed on behalf of a node.</summary>
/// <param name="Id">The timer id (unique per arming, so a stale firing is recognised).</param>
/// <param name="DueAt">When it fires.</param>
/// <param name="Kind">What its firing means.</param>
internal sealed record NodeTimer(string Id, DateTimeOffset DueAt, NodeTimerKind Kind);
