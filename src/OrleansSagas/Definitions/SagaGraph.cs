using System.Collections.Frozen;

namespace OrleansSagas.Definitions;

/// <summary>
/// The validated, immutable definition of a saga: a directed acyclic graph of nodes. Created by
/// <see cref="SagaBuilder.Build"/>; the single representation the engine runs.
/// </summary>
public sealed class SagaGraph
{
    private readonly FrozenDictionary<string, SagaNode> _nodes;
    private readonly FrozenDictionary<string, string[]> _dependents;
    private readonly FrozenDictionary<string, FrozenSet<string>> _ancestors;

    internal SagaGraph(string name, int version, IReadOnlyList<SagaNode> nodesInTopologicalOrder, TimeSpan? timeout, string? outputFrom)
    {
        Name = name;
        OutputFrom = outputFrom;
        Version = version;
        Timeout = timeout;
        Order = nodesInTopologicalOrder.Select(n => n.Name).ToArray();
        _nodes = nodesInTopologicalOrder.ToFrozenDictionary(n => n.Name, StringComparer.Ordinal);
        _dependents = nodesInTopologicalOrder.ToFrozenDictionary(
            n => n.Name,
            n => nodesInTopologicalOrder.Where(d => d.DependsOn.Contains(n.Name)).Select(d => d.Name).ToArray(),
            StringComparer.Ordinal);
        var ancestors = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var node in nodesInTopologicalOrder)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parent in node.DependsOn)
            {
                set.Add(parent);
                set.UnionWith(ancestors[parent]);
            }
            ancestors[node.Name] = set.ToFrozenSet(StringComparer.Ordinal);
        }
        _ancestors = ancestors.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The definition name, e.g. "travel-booking".</summary>
    public string Name { get; }

    /// <summary>The definition version; a running saga keeps the version it started with.</summary>
    public int Version { get; }

    /// <summary>How long the whole saga may run before it unwinds with outcome TimedOut; null means no limit.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The node whose output is the saga's output; null means an object of every leaf's output keyed by node name.</summary>
    public string? OutputFrom { get; }

    /// <summary>Node names in a topological order (every node after its dependencies).</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>The nodes by name.</summary>
    public IReadOnlyDictionary<string, SagaNode> Nodes => _nodes;

    /// <summary>The node named <paramref name="name"/>.</summary>
    public SagaNode this[string name] => _nodes[name];

    /// <summary>The nodes that depend directly on <paramref name="name"/>.</summary>
    public IReadOnlyList<string> DependentsOf(string name) => _dependents[name];

    /// <summary>All transitive dependencies of <paramref name="name"/>.</summary>
    public IReadOnlySet<string> AncestorsOf(string name) => _ancestors[name];

    /// <summary>Nodes no other node depends on; their outputs form the saga output.</summary>
    public IEnumerable<string> Leaves => Order.Where(n => _dependents[n].Length == 0);
}
