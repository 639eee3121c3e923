using System.IO.Hashing;
using System.Text;

namespace OrleansSagas.Activities;

/// <summary>Which queue grain of an activity holds a task: a hash of the task spreads an activity's tasks over its shards.</summary>
internal static class ActivityShards
{
    /// <summary>The key of shard <paramref name="shard"/> of <paramref name="activity"/>.</summary>
    public static string Key(string activity, int shard) => $"{activity}/{shard}";

    /// <summary>The key of the shard that holds the task <paramref name="taskKey"/>.</summary>
    public static string Of(string activity, string taskKey, int shards) =>
        Key(activity, (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(taskKey)) % (uint)shards));
}
