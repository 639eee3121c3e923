using System.Text.Json;
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

    /// <summary>An event's type with the node and attempt it is about (when it names them).</summary>
    private static string Identity(StoredEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        string? node = null, attempt = null;
        if (data.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.RootElement.EnumerateObject())
            {
                if (property.NameEquals("node") || property.NameEquals("Node")) node = property.Value.ToString();
                else if (property.NameEquals("attempt") || property.NameEquals("Attempt")) attempt = property.Value.ToString();
            }
        }
        return $"{e.Type}(node={node ?? "-"}, attempt={attempt ?? "-"})";
    }
}
