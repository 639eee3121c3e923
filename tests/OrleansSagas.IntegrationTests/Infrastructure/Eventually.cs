namespace OrleansSagas.IntegrationTests.Infrastructure;

/// <summary>Awaits a condition with a deadline (no fixed sleeps: it polls and returns as soon as the condition holds).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out after {deadline ?? DefaultDeadline} waiting until {what}.");
            await Task.Delay(20);
        }
    }

    public static Task True(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        True(() => Task.FromResult(condition()), what, deadline);
}
