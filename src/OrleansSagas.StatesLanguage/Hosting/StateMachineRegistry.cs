using System.Collections.Concurrent;
using OrleansSagas.Runtime;
using OrleansSagas.Storage;
using OrleansSagas.Tasks;
using OrleansSagas.StatesLanguage.Parsing;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>
/// Registers Amazon States Language definitions in the store's versioned registry and serves them to the
/// runtime: a running execution keeps the version it started with.
/// </summary>
public sealed class StateMachineRegistry(ISagaStorage storage, TimeProvider time, ITaskTokenIssuer? tokens = null) : ISagaDefinitionSource
{
    /// <summary>The kind stored with standard state machine definitions.</summary>
    public const string Kind = "asl";

    /// <summary>The kind stored with express state machine definitions (a registered machine keeps its type).</summary>
    public const string ExpressKind = "asl-express";

    /// <summary>True for the kinds of state machine definitions.</summary>
    public static bool IsStateMachineKind(string kind) => kind is Kind or ExpressKind;

    private readonly ConcurrentDictionary<(string Name, int Version), AslSagaDefinition> _compiled = new();

    /// <summary>Validates and stores a definition: a new version when it differs from the latest, else the latest unchanged.</summary>
    public async Task<StateMachineRegistration> RegisterAsync(string name, string json, CancellationToken cancellationToken = default) =>
        await RegisterAsync(name, json, StateMachineType.Standard, cancellationToken).ConfigureAwait(false);

    /// <summary>Validates and stores a definition of the given <paramref name="type"/>: a new version when it differs from the latest, else the latest unchanged.</summary>
    public async Task<StateMachineRegistration> RegisterAsync(string name, string json, StateMachineType type, CancellationToken cancellationToken = default)
    {
        var problems = new List<AslProblem>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 80 || name.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '_' or '.')))
            problems.Add(new AslProblem("name", "The definition name must be 1–80 letters, digits, '-', '_' or '.'."));
        var validation = StateMachineParser.TryParse(json, out _, allowJsonata: true);
        problems.AddRange(validation.Problems);
        if (problems.Count > 0) return new StateMachineRegistration(null, false, problems);
        var (record, created) = await storage.Definitions.PutAsync(name, type == StateMachineType.Express ? ExpressKind : Kind, json, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new StateMachineRegistration(record, created, []);
    }

    /// <summary>The stored definition text, or null when unknown.</summary>
    public async Task<DefinitionRecord?> GetRecordAsync(string name, int? version, CancellationToken cancellationToken = default)
    {
        var record = await storage.Definitions.GetAsync(name, version, cancellationToken).ConfigureAwait(false);
        return record is not null && IsStateMachineKind(record.Kind) ? record : null;
    }

    /// <inheritdoc />
    public async Task<ISagaDefinition?> GetAsync(string name, int? version, CancellationToken cancellationToken = default) =>
        await GetRecordAsync(name, version, cancellationToken).ConfigureAwait(false) is { } record ? Compile(record) : null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ISagaDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        var latest = await storage.Definitions.ListLatestAsync(cancellationToken).ConfigureAwait(false);
        return [.. latest.Where(r => IsStateMachineKind(r.Kind)).Select(Compile)];
    }

    private AslSagaDefinition Compile(DefinitionRecord record) =>
        _compiled.GetOrAdd((record.Name, record.Version), _ => new AslSagaDefinition(record.Name, record.Version, StateMachineParser.Parse(record.Content, allowJsonata: true), record.Kind == ExpressKind ? StateMachineType.Express : StateMachineType.Standard, tokens));
}
