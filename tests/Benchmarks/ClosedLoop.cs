using System.Diagnostics;

namespace OrleansSagas.Benchmarks;

/// <summary>
/// The closed loop of the peers' load generator: <c>concurrency</c> workers start <c>count</c> workflows in total,
/// each worker the next one as soon as its current one completes; no new starts after <c>maxSeconds</c>.
/// Throughput is completed ÷ (first start → last completion); latency is start → observed completion.
/// </summary>
internal static class ClosedLoop
{
    internal sealed record Result(int Started, List<double> Latencies, int Errors, string? FirstError, bool TimedOut, TimeSpan Wall)
    {
        public double PerSecond => Latencies.Count == 0 ? 0 : Latencies.Count / Wall.TotalSeconds;
    }

    public static async Task<Result> RunAsync(int count, int concurrency, double maxSeconds, Func<int, Task<bool>> runOne)
    {
        var latencies = new List<double>(count);
        var errors = 0;
        string? firstError = null;
        var timedOut = false;
        var next = -1;
        var lastDone = 0L;
        var t0 = Stopwatch.GetTimestamp();
        var deadline = t0 + (long)(maxSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                if (Volatile.Read(ref next) + 1 >= count) return;
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    timedOut = true;
                    return;
                }
                var i = Interlocked.Increment(ref next);
                if (i >= count) return;
                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await runOne(i).ConfigureAwait(false) ? null : $"workflow {i}: unexpected result";
                }
                catch (Exception e)
                {
                    error = $"workflow {i}: {e.GetType().Name}: {e.Message}";
                }
                var done = Stopwatch.GetTimestamp();
                lock (latencies)
                {
                    if (error is null)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started, done).TotalMilliseconds);
                        if (done > lastDone) lastDone = done;
                    }
                    else
                    {
                        errors++;
                        firstError ??= error;
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        latencies.Sort();
        var wall = Stopwatch.GetElapsedTime(t0, lastDone == 0 ? Stopwatch.GetTimestamp() : lastDone);
        return new Result(Math.Min(next + 1, count), latencies, errors, firstError, timedOut, wall);
    }
}
