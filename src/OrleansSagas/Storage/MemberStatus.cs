namespace OrleansSagas.Storage;

/// <summary>The lifecycle of a node in the membership table.</summary>
public enum MemberStatus
{
    /// <summary>Running and heartbeating.</summary>
    Active,

    /// <summary>Shutting down gracefully; hands its partitions over.</summary>
    Leaving,

    /// <summary>Stopped, or declared dead after missing heartbeats.</summary>
    Dead,
}
