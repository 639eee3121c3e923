namespace OrleansSagas.Client;

/// <summary>A definition known to the cluster.</summary>
/// <param name="Name">The definition name.</param>
/// <param name="Version">Its latest version.</param>
/// <param name="Kind">"csharp" for builder definitions, "asl" for Amazon States Language.</param>
public sealed record DefinitionInfo(string Name, int Version, string Kind);
