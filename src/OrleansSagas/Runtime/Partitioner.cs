using System.Text;

namespace OrleansSagas.Runtime;

/// <summary>
/// Maps saga ids to partitions with a hash that is stable across processes and versions: FNV-1a over UTF-8, then a
/// final avalanche (MurmurHash3's fmix32) so related ids (a parent and its children) spread over all partitions.
/// </summary>
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
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return (int)(hash % (uint)partitionCount);
    }
}
