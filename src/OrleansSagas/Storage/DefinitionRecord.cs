namespace OrleansSagas.Storage;

/// <summary>A registered definition version.</summary>
/// <param name="Name">The definition name.</param>
/// <param name="Version">The version, starting at 1, growing with every changed registration.</param>
/// <param name="Kind">The language of <paramref name="Content"/>, e.g. "asl".</param>
/// <param name="Content">The definition text (for ASL: the state machine JSON).</param>
/// <param name="CreatedAt">When this version was registered.</param>
public sealed record DefinitionRecord(string Name, int Version, string Kind, string Content, DateTimeOffset CreatedAt);
