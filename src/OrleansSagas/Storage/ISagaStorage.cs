namespace OrleansSagas.Storage;

/// <summary>
/// The project's own tables beside Orleans' grain storage and reminders, in the same database: the saga catalog
/// (listing and filtering), the history, and the definition registry.
/// </summary>
public interface ISagaStorage
{
    /// <summary>The saga catalog and history.</summary>
    ISagaCatalog Catalog { get; }

    /// <summary>The definition registry.</summary>
    IDefinitionStore Definitions { get; }

    /// <summary>Creates or migrates the schema; idempotent. Fails clearly when the store has a newer schema than the code.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
