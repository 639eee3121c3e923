namespace OrleansSagas.Runtime;

/// <summary>
/// Supplies definitions that are not compiled into the node, e.g. state machines registered at run time.
/// Register implementations in DI; the runtime asks them after the definitions added in code.
/// </summary>
public interface ISagaDefinitionSource
{
    /// <summary>The definition <paramref name="name"/> at <paramref name="version"/> (latest when null), or null if this source does not know it.</summary>
    Task<ISagaDefinition?> GetAsync(string name, int? version, CancellationToken cancellationToken = default);

    /// <summary>The latest version of every definition this source knows.</summary>
    Task<IReadOnlyList<ISagaDefinition>> ListAsync(CancellationToken cancellationToken = default);
}
