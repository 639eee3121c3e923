namespace OrleansSagas.Tasks;

/// <summary>The cluster's task token keys (one grain, key 0), kept in grain storage so every silo signs and verifies alike.</summary>
internal interface ITaskTokenKeyringGrain : IGrainWithIntegerKey
{
    /// <summary>The live keys, newest last; creates the first key, and rotates when the newest is older than the rotation period.</summary>
    Task<TaskTokenKey[]> GetKeysAsync();

    /// <summary>Adds a new key now (it signs once every silo has had time to learn it); older keys keep verifying.</summary>
    Task<TaskTokenKey[]> RotateAsync();
}
