namespace OrleansSagas.Testing;

/// <summary>Thrown by <see cref="FaultInjectingSagaStorage"/> for every call while the store is down or the node is killed.</summary>
public sealed class StorageUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException(string message) : base(message) { }
}
