using System.Text.Json;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Storage;

namespace OrleansSagas.Testing;

/// <summary>
/// Checks a saga's log for decisions made twice — what two writers for one saga would leave behind: a second start
/// or finish, a step scheduled twice for the same attempt, an attempt that both succeeded twice, an undo scheduled twice.
/// </summary>
public static class SagaHistoryChecks
{
    // Decisions that happen at most once per saga.
    private static readonly HashSet<string> Once = ["SagaStarted", "SagaFinished", "UnwindStarted"];

    // Decisions that happen at most once per node and attempt.
    private static readonly HashSet<string> OncePerAttempt =
    [
        "ActionScheduled", "ChildSagaStarted", "DelayStarted", "SignalWaitStarted", "NodeSucceeded", "NodeFailed",
        "RetryScheduled", "UndoScheduled", "NodeUndone", "UndoRetryScheduled", "UndoGaveUp",
    ];

    /// <summary>Describes every decision recorded more than once in <paramref name="history"/>; empty when none.</summary>
    public static IReadOnlyList<string> FindDuplicateDecisions(string sagaId, IEnumerable<SagaHistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return [.. history
            .Select(e => Once.Contains(e.Type) ? e.Type : OncePerAttempt.Contains(e.Type) ? $"{e.Type}({Text(e.Data, "node")}, attempt {Text(e.Data, "attempt")})" : null)
            .Where(key => key is not null)
            .GroupBy(key => key!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"saga '{sagaId}': {g.Key} recorded {g.Count()} times")];
    }

    /// <summary>Checks every saga in <paramref name="storage"/> (see <see cref="FindDuplicateDecisions(string, IEnumerable{SagaHistoryEntry})"/>).</summary>
    public static async Task<IReadOnlyList<string>> FindDuplicateDecisionsAsync(ISagaStorage storage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var problems = new List<string>();
        string? after = null;
        do
        {
            var page = await storage.Sagas.QueryAsync(new SagaQuery(null, null, 1000, after), cancellationToken).ConfigureAwait(false);
            foreach (var saga in page.Items)
            {
                var events = await storage.Sagas.ReadEventsAsync(saga.Id, 0, cancellationToken).ConfigureAwait(false);
                problems.AddRange(FindDuplicateDecisions(saga.Id, events.Select(e => new SagaHistoryEntry(e.Sequence, e.Type, e.Timestamp, SagaJson.Parse(e.Data)))));
                if (events.Count > 0 && events[^1].Sequence != saga.Version)
                    problems.Add($"saga '{saga.Id}': header at version {saga.Version} but the log ends at {events[^1].Sequence}");
            }
            after = page.Next;
        }
        while (after is not null);
        return problems;
    }

    private static string Text(JsonElement data, string property) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(property, out var value) ? value.ToString() : "?";
}
