using System.Text;

namespace OrleansSagas.Runtime;

/// <summary>Maps saga ids to partitions with a hash that is stable across processes and versions (FNV-1a over UTF-8).</summary>
public static class Partitioner
{
    /// <summary>The partition of <paramref name="sagaId"/> among <paramref name="partitionCount"/>.</summary>
    public static int PartitionOf(string sagaId, int partitionCount)
    {
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(sagaId))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return (int)(hash % (uint)partitionCount);
    }
}
