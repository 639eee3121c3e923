namespace OrleansSagas.Storage.InMemory;

/// <summary>The tables of the in-memory provider, guarded by one lock so a batch touches all of them atomically.</summary>
internal sealed class InMemoryDatabase
{
    public object Gate { get; } = new();

    public Dictionary<string, SagaRecord> Sagas { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SortedList<long, StoredEvent>> Events { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<DefinitionRecord>> Definitions { get; } = new(StringComparer.Ordinal);
}
