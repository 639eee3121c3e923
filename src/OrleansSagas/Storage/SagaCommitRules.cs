namespace OrleansSagas.Storage;

/// <summary>Shape checks of a commit that every provider applies before touching storage.</summary>
internal static class SagaCommitRules
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> when events are not numbered ExpectedVersion+1, +2, … up to the new header's version,
    /// when a creation does not start from version 0, or when a timer belongs to another saga.
    /// </summary>
    public static void Validate(SagaCommit commit, bool isCreate)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.Record);
        if (isCreate && commit.ExpectedVersion != 0)
        {
            throw new ArgumentException($"Creating saga '{commit.Record.Id}' must expect version 0, not {commit.ExpectedVersion}.", nameof(commit));
        }

        for (var i = 0; i < commit.Events.Count; i++)
        {
            if (commit.Events[i].Sequence != commit.ExpectedVersion + i + 1)
            {
                throw new ArgumentException(
                    $"Event {i} of saga '{commit.Record.Id}' has sequence {commit.Events[i].Sequence}; expected {commit.ExpectedVersion + i + 1}.",
                    nameof(commit));
            }
        }

        if (commit.Record.Version != commit.ExpectedVersion + commit.Events.Count)
        {
            throw new ArgumentException(
                $"Saga '{commit.Record.Id}' header version is {commit.Record.Version}; expected {commit.ExpectedVersion + commit.Events.Count} (expected version + events).",
                nameof(commit));
        }

        foreach (var timer in commit.TimersToArm)
        {
            if (timer.SagaId != commit.Record.Id)
            {
                throw new ArgumentException($"Timer '{timer.TimerId}' belongs to saga '{timer.SagaId}', not '{commit.Record.Id}'.", nameof(commit));
            }
        }
    }
}
