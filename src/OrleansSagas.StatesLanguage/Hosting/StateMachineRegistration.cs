using OrleansSagas.Storage;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>The outcome of registering a state machine definition.</summary>
/// <param name="Record">The stored version (null when invalid).</param>
/// <param name="Created">True when a new version was stored; false when the content equals the latest version.</param>
/// <param name="Problems">Every validation problem with its JSON path; empty when valid.</param>
public sealed record StateMachineRegistration(DefinitionRecord? Record, bool Created, IReadOnlyList<AslProblem> Problems)
{
    /// <summary>True when the definition was valid and is stored.</summary>
    public bool IsValid => Problems.Count == 0;
}
