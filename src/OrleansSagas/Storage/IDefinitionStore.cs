namespace OrleansSagas.Storage;

/// <summary>The definition registry: versioned definitions by name.</summary>
public interface IDefinitionStore
{
    /// <summary>
    /// Registers <paramref name="content"/> under <paramref name="name"/>: a new version when it differs from the latest,
    /// else the latest unchanged.
    /// </summary>
    /// <returns>The stored record, and whether a new version was written.</returns>
    Task<(DefinitionRecord Record, bool Created)> PutAsync(string name, string kind, string content, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The given version of a definition, or the latest when <paramref name="version"/> is null; null if unknown.</summary>
    Task<DefinitionRecord?> GetAsync(string name, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>The latest version of every definition, ordered by name.</summary>
    Task<IReadOnlyList<DefinitionRecord>> ListLatestAsync(CancellationToken cancellationToken = default);
}
