using System.Text.Json;
using OrleansSagas.Client;
using OrleansSagas.Storage;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>
/// Signs that a decision was applied twice: a history whose sequences are not strictly increasing from 1 without gaps,
/// or that records the same event for the same node and attempt more than once.
/// </summary>
public static class SagaHistoryChecks
{
    /// <summary>What is wrong with the history of <paramref name="sagaId"/>; empty when nothing is.</summary>
    public static IReadOnlyList<string> Problems(string sagaId, IReadOnlyList<StoredEvent> events)
    {
        var problems = new List<string>();
        if (events.Count == 0) problems.Add($"{sagaId}: no history");
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Sequence != i + 1)
                problems.Add($"{sagaId}: event {i + 1} has sequence {events[i].Sequence}");
        }
        foreach (var repeated in events.GroupBy(Identity).Where(g => g.Count() > 1))
            problems.Add($"{sagaId}: {repeated.Key} recorded {repeated.Count()} times (sequences {string.Join(", ", repeated.Select(e => e.Sequence))})");
        return problems;
    }

    /// <summary>Checks the history of every saga in <paramref name="sagaIds"/> and returns every problem found.</summary>
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(ISagaCatalog catalog, IEnumerable<string> sagaIds)
    {
        var problems = new List<string>();
        foreach (var id in sagaIds) problems.AddRange(Problems(id, await catalog.ReadEventsAsync(id)));
        return problems;
    }

    /// <summary>When <paramref name="node"/> succeeded, from the NodeSucceeded event of a history.</summary>
    public static DateTimeOffset SucceededAt(IReadOnlyList<StoredEvent> events, string node) =>
        events.Single(e => e.Type == "NodeSucceeded" && Property(e, "node") == node).Timestamp;

    /// <summary>When <paramref name="node"/> succeeded, from a history read through a client.</summary>
    public static DateTimeOffset SucceededAt(IReadOnlyList<SagaHistoryEntry> history, string node) => SucceededAt(Stored(history), node);

    /// <summary>The problems of a history read through a client.</summary>
    public static IReadOnlyList<string> Problems(string sagaId, IReadOnlyList<SagaHistoryEntry> history) => Problems(sagaId, Stored(history));

    private static List<StoredEvent> Stored(IReadOnlyList<SagaHistoryEntry> history) =>
        [.. history.Select(e => new StoredEvent(e.Sequence, e.Type, e.Timestamp, e.Data.GetRawText()))];

    /// <summary>An event's type with the node and attempt it is about (when it names them).</summary>
    private static string Identity(StoredEvent e) => $"{e.Type}(node={Property(e, "node") ?? "-"}, attempt={Property(e, "attempt") ?? "-"})";

    private static string? Property(StoredEvent e, string name)
    {
        using var data = JsonDocument.Parse(e.Data);
        if (data.RootElement.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in data.RootElement.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value.ToString();
        }
        return null;
    }
}
