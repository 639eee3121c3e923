using OrleansSagas.Client;

namespace OrleansSagas.Runtime;

/// <summary>Finds definitions by name and version: those added in code first, then the registered sources.</summary>
public sealed class SagaDefinitionRegistry
{
    private readonly Dictionary<string, SortedList<int, ISagaDefinition>> _code = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ISagaDefinitionSource> _sources;

    /// <summary>Creates the registry over code definitions and sources.</summary>
    public SagaDefinitionRegistry(IEnumerable<ISagaDefinition> codeDefinitions, IEnumerable<ISagaDefinitionSource> sources)
    {
        foreach (var definition in codeDefinitions)
        {
            if (!_code.TryGetValue(definition.Name, out var versions))
                _code[definition.Name] = versions = [];
            versions[definition.Version] = definition;
        }
        _sources = [.. sources];
    }

    /// <summary>The definition, or null when unknown.</summary>
    public async Task<ISagaDefinition?> FindAsync(string name, int? version, CancellationToken cancellationToken = default)
    {
        if (_code.TryGetValue(name, out var versions))
        {
            if (version is null) return versions.Values[^1];
            if (versions.TryGetValue(version.Value, out var exact)) return exact;
        }
        foreach (var source in _sources)
            if (await source.GetAsync(name, version, cancellationToken).ConfigureAwait(false) is { } found)
                return found;
        return null;
    }

    /// <summary>The definition.</summary>
    /// <exception cref="DefinitionNotFoundException">Unknown name or version.</exception>
    public async Task<ISagaDefinition> GetAsync(string name, int? version, CancellationToken cancellationToken = default) =>
        await FindAsync(name, version, cancellationToken).ConfigureAwait(false) ?? throw new DefinitionNotFoundException(name, version);

    /// <summary>The latest version of every definition, ordered by name.</summary>
    public async Task<IReadOnlyList<DefinitionInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = _code.ToDictionary(p => p.Key, p => new DefinitionInfo(p.Key, p.Value.Values[^1].Version, p.Value.Values[^1].Kind), StringComparer.Ordinal);
        foreach (var source in _sources)
            foreach (var d in await source.ListAsync(cancellationToken).ConfigureAwait(false))
                result.TryAdd(d.Name, new DefinitionInfo(d.Name, d.Version, d.Kind));
        return [.. result.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }
}
