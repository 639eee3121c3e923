using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using OrleansSagas.Testing.Postgres;

namespace OrleansSagas.Benchmarks.Silos;

/// <summary>
/// The worker API on PostgreSQL: one silo process, a state machine whose one Task is an activity, and <c>workers</c> HTTP
/// workers (poll, then report success; each running <c>worker-concurrency</c> such loops) draining <c>tasks</c> sagas started by <c>concurrency</c> clients. Prints tasks per
/// second and how long tasks waited on the queue; then, with every worker idle in a long poll, starts sagas one at a time
/// and prints the time from enqueue to a waiting worker receiving the task.
/// </summary>
internal static class ActivitiesBenchmark
{
    private const string Machine = """{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"activity:bench-work","End":true}}}""";

    public static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var tasks = args.Int("tasks", 2000);
        var workers = args.Int("workers", 4);
        // Like the .NET worker's MaxConcurrency: each worker runs this many poll-and-report loops at once.
        var perWorker = args.Int("worker-concurrency", 1);
        var concurrency = args.Int("concurrency", 32);
        var idle = args.Int("idle", 200);
        await using var server = await PostgresTestServer.StartAsync();
        var logs = Directory.CreateTempSubdirectory("orleanssagas-activities-").FullName;
        Console.Error.WriteLine($"silo logs: {logs}");
        using var silo = await SiloProcess.StartAsync("activities", new Dictionary<string, string>
        {
            ["Sagas:Storage"] = "PostgreSql",
            ["ConnectionStrings:Sagas"] = await server.CreateDatabaseAsync("activities"),
            ["Logging:LogLevel:Default"] = "Warning",
        }, logs);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(120) };
        using (var put = await http.PutAsync("/api/definitions/bench-activity", new StringContent(Machine, Encoding.UTF8, "application/json")))
            put.EnsureSuccessStatusCode();

        await LoadAsync(http, "warmup", Math.Min(200, tasks), workers * perWorker, concurrency);
        var (received, elapsed) = await LoadAsync(http, "load", tasks, workers * perWorker, concurrency);
        received.Sort();
        Console.WriteLine($"bench=activities phase=load tasks={tasks} workers={workers} worker_concurrency={perWorker} concurrency={concurrency} " +
            $"tasks_per_sec={LatencyStats.Format(tasks / elapsed.TotalSeconds)} " +
            $"queue_wait_p50_ms={LatencyStats.Format(LatencyStats.Percentile(received, 50))} queue_wait_p99_ms={LatencyStats.Format(LatencyStats.Percentile(received, 99))}");

        var (waits, _) = await LoadAsync(http, "idle", idle, workers, concurrency: 1);
        waits.Sort();
        Console.WriteLine($"bench=activities phase=idle tasks={idle} workers={workers} " +
            $"enqueue_to_worker_p50_ms={LatencyStats.Format(LatencyStats.Percentile(waits, 50))} enqueue_to_worker_p99_ms={LatencyStats.Format(LatencyStats.Percentile(waits, 99))}");
        NpgsqlConnection.ClearAllPools();
        return 0;
    }

    /// <summary>Starts <paramref name="count"/> sagas from <paramref name="concurrency"/> clients; returns each task's enqueue-to-receipt time and the time until all were reported.</summary>
    private static async Task<(List<double> QueueWaits, TimeSpan Elapsed)> LoadAsync(HttpClient http, string prefix, int count, int workers, int concurrency)
    {
        var waits = new List<double>(count);
        var reported = 0;
        using var done = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var pollers = Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(http, $"w{w % 4}", waits, () =>
        {
            if (Interlocked.Increment(ref reported) == count) done.Cancel();
        }, done.Token))).ToList();
        var next = -1;
        var starters = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await http.PostAsJsonAsync("/api/sagas", new { definition = "bench-activity", id = $"{prefix}-{i}", input = new { i } });
                response.EnsureSuccessStatusCode();
                // One at a time: wait until this task was received, so every enqueue meets an idle, waiting worker.
                if (concurrency == 1) while (Volatile.Read(ref reported) <= i && !done.IsCancellationRequested) await Task.Delay(1);
            }
        })).ToList();
        await Task.WhenAll(starters);
        await Task.WhenAll(pollers);
        return (waits, clock.Elapsed);
    }

    private static async Task WorkAsync(HttpClient http, string worker, List<double> waits, Action reported, CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            HttpResponseMessage poll;
            try
            {
                poll = await http.PostAsJsonAsync("/api/activities/bench-work/poll", new { workerName = worker, waitSeconds = 20 }, done);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using (poll)
            {
                if (poll.StatusCode == HttpStatusCode.NoContent) continue;
                poll.EnsureSuccessStatusCode();
                var task = await poll.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                var wait = (DateTimeOffset.UtcNow - task.GetProperty("enqueuedAt").GetDateTimeOffset()).TotalMilliseconds;
                lock (waits) waits.Add(wait);
                using var success = await http.PostAsJsonAsync("/api/tasks/success", new { taskToken = task.GetProperty("taskToken").GetString(), output = new { worker } }, CancellationToken.None);
                success.EnsureSuccessStatusCode();
                reported();
            }
        }
    }
}
