using System.Globalization;
using Microsoft.Data.Sqlite;
using OrleansSagas.Benchmarks.Silos;
using OrleansSagas.Client.Http;
using OrleansSagas.Schedules;

namespace OrleansSagas.Benchmarks.Schedules;

/// <summary>
/// How late a schedule's occurrences fire: one silo process on a SQLite file runs an every-second schedule of
/// travel-booking (delaySeconds 0, default policies) for <c>minutes</c>; lateness is the saga's creation time (the start
/// of its first decision) minus its occurrence. Also counts the reminders the schedule keeps in the reminder table.
/// </summary>
internal static class ScheduleLatenessBenchmark
{
    private const string Name = "lateness";

    public static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var minutes = args.Int("minutes", 10);
        var folder = Directory.CreateTempSubdirectory("orleanssagas-schedule-").FullName;
        var database = Path.Combine(folder, "sagas.db");
        try
        {
            using var silo = await SiloProcess.StartAsync("silo", new Dictionary<string, string>
            {
                ["Sagas:Storage"] = "Sqlite",
                ["Sagas:SqlitePath"] = database,
                ["Logging:LogLevel:Default"] = "Warning",
            }, folder);
            var client = new SagaHttpClient(new HttpClient(), new SagaClientOptions { Gateway = silo.Address });
            var now = DateTimeOffset.UtcNow;
            var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(3);
            var end = start.AddMinutes(minutes);
            await client.PutScheduleAsync(Name, new ScheduleSpec
            {
                Definition = "travel-booking",
                Input = SagaJson.Parse("""{"customer":"cron","amount":1,"from":"AMS","to":"LIS","delaySeconds":0}"""),
                Every = TimeSpan.FromSeconds(1),
                StartAt = start,
                EndAt = end,
            });
            var reminders = await CountRemindersAsync(database);
            while ((await client.DescribeScheduleAsync(Name)).Status != ScheduleStatus.Ended)
                await Task.Delay(TimeSpan.FromSeconds(5));

            var lateness = new List<double>();
            string? after = null;
            do
            {
                var page = await client.ListScheduleSagasAsync(Name, limit: 1000, after: after);
                foreach (var saga in page.Items)
                {
                    var occurrence = DateTimeOffset.Parse(saga.Input.GetProperty("scheduledAt").GetString()!, CultureInfo.InvariantCulture);
                    lateness.Add((saga.CreatedAt - occurrence).TotalMilliseconds);
                }
                after = page.Next;
            }
            while (after is not null);
            lateness.Sort();
            var expected = (int)(end - start).TotalSeconds;
            Console.WriteLine(
                $"bench=schedule-lateness minutes={minutes} occurrences={expected} started={lateness.Count} " +
                $"mean_ms={LatencyStats.Format(lateness.Count > 0 ? lateness.Average() : double.NaN)} p50_ms={LatencyStats.Format(LatencyStats.Percentile(lateness, 50))} " +
                $"p99_ms={LatencyStats.Format(LatencyStats.Percentile(lateness, 99))} max_ms={LatencyStats.Format(lateness.Count > 0 ? lateness[^1] : double.NaN)} " +
                $"reminders_per_schedule={reminders}");
            return lateness.Count == expected ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<long> CountRemindersAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OrleansRemindersTable WHERE GrainId LIKE '%schedule/" + Name + "%'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
