namespace OrleansSagas.Storage.InMemory;

internal sealed class InMemoryDefinitionStore(InMemoryDatabase database) : IDefinitionStore
{
    public Task<(DefinitionRecord Record, bool Created)> PutAsync(string name, string kind, string content, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            if (!database.Definitions.TryGetValue(name, out var versions))
            {
                versions = [];
                database.Definitions[name] = versions;
            }

            if (versions.Count > 0 && versions[^1].Kind == kind && versions[^1].Content == content)
            {
                return Task.FromResult((versions[^1], false));
            }

            var record = new DefinitionRecord(name, versions.Count + 1, kind, content, now.ToUniversalTime());
            versions.Add(record);
            return Task.FromResult((record, true));
        }
    }

    public Task<DefinitionRecord?> GetAsync(string name, int? version = null, CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            if (!database.Definitions.TryGetValue(name, out var versions) || versions.Count == 0)
            {
                return Task.FromResult<DefinitionRecord?>(null);
            }

            var record = version is null ? versions[^1] : versions.FirstOrDefault(v => v.Version == version);
            return Task.FromResult(record);
        }
    }

    public Task<IReadOnlyList<DefinitionRecord>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        lock (database.Gate)
        {
            IReadOnlyList<DefinitionRecord> latest = database.Definitions
                .Where(d => d.Value.Count > 0)
                .OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => d.Value[^1])
                .ToArray();
            return Task.FromResult(latest);
        }
    }
}
