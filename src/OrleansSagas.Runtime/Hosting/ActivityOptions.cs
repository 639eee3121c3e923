namespace OrleansSagas.Hosting;

/// <summary>Settings of one activity, the same on every silo.</summary>
public sealed class ActivityOptions
{
    /// <summary>
    /// The most tasks of the activity handed out at once across the whole cluster (tasks a worker holds until it sends
    /// success or failure, or the attempt times out); null for no limit. Protects a fragile downstream service.
    /// </summary>
    public int? MaxConcurrency { get; set; }
}
