using System.Diagnostics;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Silo.Samples.TravelBooking;

namespace OrleansSagas.Benchmarks;

/// <summary>
/// Drives travel-booking sagas (no wait) from <c>concurrency</c> workers spread over the given clients and
/// measures start-to-terminal latency of each saga.
/// </summary>
internal static class TravelBookingLoad
{
    public static async Task<(List<double> Latencies, int Failed, TimeSpan Elapsed)> DriveAsync(
        IReadOnlyList<ISagaClient> clients, int count, int concurrency, string prefix)
    {
        var latencies = new List<double>(count);
        var failed = 0;
        var next = -1;
        var run = Guid.NewGuid().ToString("N")[..6];
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var client = clients[worker % clients.Count];
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    var trip = new TripRequest($"customer-{i}", 100m + i, "AMS", "LIS", DelaySeconds: 0);
                    var start = await client.StartAsync(TravelBookingSaga.Name, SagaJson.ToElement(trip), $"{prefix}-{run}-{i}");
                    ok = (await client.WaitAsync(start.Saga.Id, TimeSpan.FromSeconds(120))).Status == SagaStatus.Succeeded;
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"saga {i} failed: {e.Message}");
                }
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    if (ok) latencies.Add(elapsed);
                    else failed++;
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        return (latencies, failed, total.Elapsed);
    }
}
