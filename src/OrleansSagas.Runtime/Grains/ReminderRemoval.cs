namespace OrleansSagas.Grains;

/// <summary>Removing a grain's reminder, retried: right after a silo died, the part of the reminder service that held it may be moving.</summary>
internal static class ReminderRemoval
{
    /// <summary>
    /// Unregisters <paramref name="grain"/>'s reminder <paramref name="name"/> if it exists, retrying failures up to six
    /// attempts with doubling waits from 200 ms; <paramref name="retrying"/> hears of each retry (attempt, reason).
    /// Runs on the grain's scheduler: the caller awaits it from its turn.
    /// </summary>
    public static async Task RemoveAsync(IGrainBase grain, string name, Action<int, string>? retrying = null)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await grain.GetReminder(name).ConfigureAwait(true) is { } reminder)
                    await grain.UnregisterReminder(reminder).ConfigureAwait(true);
                return;
            }
            catch (Exception e) when (attempt < 6 && e is not OperationCanceledException)
            {
                retrying?.Invoke(attempt, e.Message);
                await Task.Delay(delay).ConfigureAwait(true);
                delay *= 2;
            }
        }
    }
}
