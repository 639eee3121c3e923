namespace OrleansSagas.Tasks;

/// <summary>The keyring's stored state.</summary>
[GenerateSerializer]
internal sealed class TaskTokenKeyringState
{
    /// <summary>Keys oldest first; ids grow.</summary>
    [Id(0)]
    public List<TaskTokenKey> Keys { get; set; } = [];
}
