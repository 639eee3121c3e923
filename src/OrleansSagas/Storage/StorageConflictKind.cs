namespace OrleansSagas.Storage;

/// <summary>Why a conditional write was rejected.</summary>
public enum StorageConflictKind
{
    /// <summary>The saga's stored version is not the one the writer read: someone else wrote first.</summary>
    Version,

    /// <summary>The partition lease's epoch moved on: the writer no longer owns the saga.</summary>
    Epoch,

    /// <summary>A record with that key already exists.</summary>
    Exists,
}
