using OrleansSagas.Definitions;

namespace OrleansSagas.Tests.Engine.Support;

/// <summary>Generates random valid saga graphs (any DAG, every node kind, retries, timeouts) from a seeded random.</summary>
internal static class RandomSagas
{
    public static readonly string[] SignalNames = ["go", "approve"];

    public static SagaGraph Graph(Random random)
    {
        var count = random.Next(1, 11);
        var builder = new SagaBuilder($"random-{count}");
        for (var i = 0; i < count; i++)
        {
            var name = $"n{i}";
            var parents = Enumerable.Range(0, i).Where(_ => random.NextDouble() < 0.35).Select(p => $"n{p}").ToArray();
            var retry = random.NextDouble() < 0.3 ? RandomRetrier(random) : null;
            void Common(NodeOptions n)
            {
                n.After(parents);
                if (retry is not null) n.Retry(retry);
                if (parents.Length > 0 && random.NextDouble() < 0.3) n.ReadsOutputOf(parents[0]);
            }
            var kind = random.NextDouble();
            if (kind < 0.66)
            {
                builder.Step<NoopStep>(name, n =>
                {
                    Common(n);
                    if (random.NextDouble() < 0.7) n.WithUndo<NoopUndo>();
                    if (random.NextDouble() < 0.3) n.RetryUndo(RandomRetrier(random));
                    if (random.NextDouble() < 0.2) n.Timeout(TimeSpan.FromSeconds(random.Next(1, 120)));
                    if (random.NextDouble() < 0.25) n.Heartbeat(TimeSpan.FromSeconds(random.Next(1, 60)));
                    if (parents.Length > 0 && random.NextDouble() < 0.3) n.InputFrom(parents[^1]);
                });
            }
            else if (kind < 0.74) builder.Constant(name, new { value = i }, Common);
            else if (kind < 0.82) builder.Delay(name, TimeSpan.FromSeconds(random.Next(0, 3) * 30), Common);
            else if (kind < 0.91)
            {
                TimeSpan? timeout = random.NextDouble() < 0.5 ? TimeSpan.FromMinutes(random.Next(1, 10)) : null;
                builder.WaitForSignal(name, SignalNames[random.Next(SignalNames.Length)], timeout, Common);
            }
            else builder.ChildSaga(name, "child-definition", Common);
        }
        if (random.NextDouble() < 0.2) builder.Timeout(TimeSpan.FromMinutes(random.Next(1, 30)));
        return builder.Build();
    }

    private static Retrier RandomRetrier(Random random) => new()
    {
        ErrorEquals = random.NextDouble() < 0.5 ? ["Transient"] : [SagaErrors.All],
        MaxAttempts = random.Next(0, 3),
        Interval = TimeSpan.FromSeconds(random.Next(0, 5)),
        BackoffRate = 1 + random.Next(0, 3),
        FullJitter = random.NextDouble() < 0.5,
    };
}
