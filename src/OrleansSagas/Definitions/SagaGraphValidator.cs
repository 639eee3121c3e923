namespace OrleansSagas.Definitions;

/// <summary>Checks a set of nodes for everything that would make a saga graph unrunnable.</summary>
internal static class SagaGraphValidator
{
    /// <summary>Adds every problem to <paramref name="problems"/> and returns the nodes in a topological order (those it could order).</summary>
    public static IReadOnlyList<SagaNode> Validate(string sagaName, IReadOnlyList<SagaNode> nodes, string? outputFrom, List<DefinitionProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(sagaName))
            problems.Add(new DefinitionProblem("(saga)", "The saga name must not be empty."));
        if (nodes.Count == 0)
            problems.Add(new DefinitionProblem(sagaName, "The saga has no nodes; add at least one step."));

        var byName = new Dictionary<string, SagaNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Name))
                problems.Add(new DefinitionProblem("(unnamed)", "A node name must not be empty."));
            else if (!byName.TryAdd(node.Name, node))
                problems.Add(new DefinitionProblem(node.Name, $"Duplicate node name '{node.Name}'."));
        }

        foreach (var node in nodes)
        {
            foreach (var dependency in node.DependsOn)
            {
                if (dependency == node.Name)
                    problems.Add(new DefinitionProblem(node.Name, "A node cannot depend on itself."));
                else if (!byName.ContainsKey(dependency))
                    problems.Add(new DefinitionProblem(node.Name, $"Unknown dependency '{dependency}'."));
            }
            CheckRetry(node.Name, node.Retry, problems);
            if (node is StepNode step) CheckRetry(node.Name + " (undo)", step.UndoRetry, problems);
            if (node.Timeout is { } t && t <= TimeSpan.Zero)
                problems.Add(new DefinitionProblem(node.Name, "The attempt timeout must be positive."));
        }

        var ordered = TopologicalOrder(nodes, byName, problems);
        var ancestors = Ancestors(ordered);
        foreach (var node in ordered)
        {
            var reads = node.Reads.Concat(InputOf(node) is { } input ? [input] : Array.Empty<string>());
            foreach (var read in reads.Distinct())
            {
                if (!byName.ContainsKey(read))
                    problems.Add(new DefinitionProblem(node.Name, $"Reads the output of unknown node '{read}'."));
                else if (!ancestors[node.Name].Contains(read))
                    problems.Add(new DefinitionProblem(node.Name, $"Reads the output of '{read}', which is not an ancestor: add a dependency on it."));
            }
        }
        if (outputFrom is not null && !byName.ContainsKey(outputFrom))
            problems.Add(new DefinitionProblem(sagaName, $"OutputFrom names unknown node '{outputFrom}'."));
        return ordered;
    }

    private static string? InputOf(SagaNode node) => node switch
    {
        StepNode s => s.InputFrom,
        ChildSagaNode c => c.InputFrom,
        _ => null,
    };

    private static void CheckRetry(string node, RetryPolicy policy, List<DefinitionProblem> problems)
    {
        foreach (var r in policy.Retriers)
        {
            if (r.ErrorEquals.Count == 0) problems.Add(new DefinitionProblem(node, "A retrier must name at least one error."));
            if (r.MaxAttempts < 0) problems.Add(new DefinitionProblem(node, "Retrier MaxAttempts must not be negative."));
            if (r.BackoffRate < 1.0) problems.Add(new DefinitionProblem(node, "Retrier BackoffRate must be at least 1.0."));
            if (r.Interval < TimeSpan.Zero) problems.Add(new DefinitionProblem(node, "Retrier Interval must not be negative."));
            if (r.MaxDelay is { } m && m <= TimeSpan.Zero) problems.Add(new DefinitionProblem(node, "Retrier MaxDelay must be positive."));
        }
    }

    private static List<SagaNode> TopologicalOrder(IReadOnlyList<SagaNode> nodes, Dictionary<string, SagaNode> byName, List<DefinitionProblem> problems)
    {
        var unique = byName.Values.ToList();
        var remaining = unique.ToDictionary(n => n.Name, n => n.DependsOn.Distinct().Count(d => byName.ContainsKey(d) && d != n.Name), StringComparer.Ordinal);
        var ordered = new List<SagaNode>();
        var ready = new Queue<SagaNode>(unique.Where(n => remaining[n.Name] == 0));
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            ordered.Add(node);
            foreach (var dependent in unique.Where(d => d.DependsOn.Distinct().Contains(node.Name) && d.Name != node.Name))
                if (--remaining[dependent.Name] == 0) ready.Enqueue(dependent);
        }
        var inCycle = unique.Where(n => remaining[n.Name] > 0).Select(n => n.Name).ToList();
        foreach (var name in inCycle)
            problems.Add(new DefinitionProblem(name, $"Is part of a dependency cycle among: {string.Join(", ", inCycle)}."));
        return ordered;
    }

    private static Dictionary<string, HashSet<string>> Ancestors(List<SagaNode> ordered)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var node in ordered)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parent in node.DependsOn.Where(result.ContainsKey))
            {
                set.Add(parent);
                set.UnionWith(result[parent]);
            }
            result[node.Name] = set;
        }
        return result;
    }
}
