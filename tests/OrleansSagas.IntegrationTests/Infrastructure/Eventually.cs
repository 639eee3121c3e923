namespace OrleansSagas.IntegrationTests.Infrastructure;

/// <summary>Awaits a condition with a deadline (no fixed sleeps: it polls and returns as soon as the condition holds).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    /// <summary>Polls <paramref name="condition"/> every <paramref name="every"/> (default 20 ms; longer for costly checks) until it holds.</summary>
    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? deadline = null, TimeSpan? every = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out after {deadline ?? DefaultDeadline} waiting until {what}.");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(20));
        }
    }

    public static Task True(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        True(() => Task.FromResult(condition()), what, deadline);
}
