namespace OrleansSagas.Tasks;

/// <summary>What an activity's queue holds right now.</summary>
/// <param name="Name">The activity.</param>
/// <param name="Queued">Tasks waiting for a worker, over all the activity's queue shards.</param>
/// <param name="MaxConcurrency">The cluster-wide limit of tasks handed out at once; null without one.</param>
/// <param name="HandedOut">Tasks handed out and not yet settled, counted when the activity has a limit; null otherwise.</param>
public sealed record ActivityStatus(string Name, int Queued, int? MaxConcurrency, int? HandedOut);
