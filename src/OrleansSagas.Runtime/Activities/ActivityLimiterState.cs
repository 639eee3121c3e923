namespace OrleansSagas.Activities;

/// <summary>The permits an activity's limiter has handed out, by poll id.</summary>
[GenerateSerializer]
[Alias("OrleansSagas.ActivityLimiterState")]
internal sealed class ActivityLimiterState
{
    [Id(0)] public Dictionary<Guid, ActivityPermit> Permits { get; set; } = [];
}

/// <summary>A permit: held by a poll, then by the task it took.</summary>
/// <param name="TaskKey">The task holding it; null while the poll is still looking.</param>
/// <param name="ExpiresAt">When it frees itself (a vanished poller, or the task's timeout); null for never.</param>
[GenerateSerializer, Immutable]
[Alias("OrleansSagas.ActivityPermit")]
internal sealed record ActivityPermit([property: Id(0)] string? TaskKey, [property: Id(1)] DateTimeOffset? ExpiresAt);
