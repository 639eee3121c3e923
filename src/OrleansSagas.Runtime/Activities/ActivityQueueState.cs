namespace OrleansSagas.Activities;

/// <summary>The stored tasks of a queue shard, oldest first.</summary>
[GenerateSerializer]
[Alias("OrleansSagas.ActivityQueueState")]
internal sealed class ActivityQueueState
{
    [Id(0)] public List<QueuedTask> Pending { get; set; } = [];
}
