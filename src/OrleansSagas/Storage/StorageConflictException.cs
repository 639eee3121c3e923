namespace OrleansSagas.Storage;

/// <summary>A conditional write was rejected; nothing was written.</summary>
public sealed class StorageConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageConflictException(StorageConflictKind kind, string message) : base(message) => Kind = kind;

    /// <summary>Which condition failed.</summary>
    public StorageConflictKind Kind { get; }
}
