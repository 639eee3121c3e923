namespace OrleansSagas.Client;

/// <summary>No definition has the given name (or version).</summary>
[GenerateSerializer]
public sealed class DefinitionNotFoundException : SagaException
{
    /// <summary>Creates the exception for <paramref name="definition"/>.</summary>
    public DefinitionNotFoundException(string definition, int? version = null)
        : base(version is null ? $"Definition '{definition}' is not registered." : $"Definition '{definition}' version {version} is not registered.") =>
        Definition = definition;

    /// <summary>The unknown definition name.</summary>
    [Id(0)]
    public string Definition { get; }
}
