using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSagas.AdoNet;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Hosting;

namespace OrleansSagas.Benchmarks.Sagas;

/// <summary>
/// The peers' workload on OrleansSagas: the 3-step no-op saga, started and awaited in process through the co-hosted
/// <see cref="ISagaClient"/> of a silo hosted here, on PostgreSQL (<c>PEERS_PG_URL</c>) or on a temporary SQLite file.
/// Prints one line <c>peer=orleanssagas n=… c=… workflows_per_s=… p50_ms=… p99_ms=…</c> and a <c># info</c> line.
/// </summary>
internal static class SagasBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArgs args)
    {
        var n = args.Int("n", EnvInt("N", 2000));
        var c = args.Int("c", EnvInt("C", 32));
        var warmup = args.Int("warmup", EnvInt("WARMUP", 200), min: 0);
        var maxSeconds = args.Int("max-seconds", EnvInt("MAX_SECONDS", 150));
        var pgUrl = Environment.GetEnvironmentVariable("PEERS_PG_URL");
        var connectionString = string.IsNullOrWhiteSpace(pgUrl) ? null : PostgresUrl.ToConnectionString(pgUrl);
        var folder = connectionString is null ? Directory.CreateTempSubdirectory("orleanssagas-bench-").FullName : null;
        try
        {
            using var host = Build(connectionString, folder);
            await host.StartAsync();
            var client = host.Services.GetRequiredService<ISagaClient>();
            var input = SagaJson.ToElement(new NoOpSaga.Input(1));
            var run = Guid.NewGuid().ToString("N")[..8];

            async Task<bool> RunOne(string id)
            {
                await client.StartAsync(NoOpSaga.Name, input, id);
                var saga = await client.GetHandle(id).WaitForCompletionAsync();
                return saga.Status == SagaStatus.Succeeded && saga.Output is { ValueKind: JsonValueKind.Object } output
                    && output.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
                    && output.TryGetProperty("step", out var step) && step.TryGetInt32(out var s) && s == 3;
            }

            if (warmup > 0)
            {
                var w = await ClosedLoop.RunAsync(warmup, c, maxSeconds, i => RunOne($"warmup-{run}-{i}"));
                Console.Error.WriteLine($"warmup: {w.Latencies.Count} completed, {w.Errors} errors{(w.FirstError is null ? "" : $" (first: {w.FirstError})")}");
            }

            var before = connectionString is null ? null : await PgCounters.ReadAsync(connectionString);
            var cpu0 = MachineCpu.Read();
            var own0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var r = await ClosedLoop.RunAsync(n, c, maxSeconds, i => RunOne($"wf-{run}-{i}"));
            var elapsed = sw.Elapsed;
            var cpu1 = MachineCpu.Read();
            var own = Process.GetCurrentProcess().TotalProcessorTime - own0;
            var after = connectionString is null ? null : await PgCounters.ReadAsync(connectionString, settle: true);

            var p50 = LatencyStats.Percentile(r.Latencies, 50);
            var p99 = LatencyStats.Percentile(r.Latencies, 99);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peer=orleanssagas n={r.Latencies.Count} c={c} workflows_per_s={r.PerSecond:0.0} p50_ms={p50:0.00} p99_ms={p99:0.00}"));
            var info = string.Create(CultureInfo.InvariantCulture,
                $"# info peer=orleanssagas completed={r.Latencies.Count} started={r.Started} errors={r.Errors} timed_out={(r.TimedOut ? "true" : "false")} " +
                $"wall_s={r.Wall.TotalSeconds:0.00} max_ms={(r.Latencies.Count > 0 ? r.Latencies[^1] : double.NaN):0.00} " +
                $"machine_cpu_busy_pct={MachineCpu.BusyPercent(cpu0, cpu1):0} proc_cpu_pct_of_core={100 * own.TotalSeconds / elapsed.TotalSeconds:0} " +
                $"store={(connectionString is null ? "sqlite" : "postgresql")}");
            if (before is not null && after is not null && r.Latencies.Count > 0)
            {
                double per(long d) => (double)d / r.Latencies.Count;
                info += string.Create(CultureInfo.InvariantCulture,
                    $" write_xacts_per_wf={per(after.WriteXacts - before.WriteXacts):0.00} all_commits_per_wf={per(after.Commits - before.Commits):0.00}" +
                    $" wal_syncs_per_wf={per(after.WalSyncs - before.WalSyncs):0.00} wal_bytes_per_wf={per(after.WalBytes - before.WalBytes):0}");
            }
            Console.WriteLine(info);
            if (r.FirstError is not null) Console.Error.WriteLine($"first error: {r.FirstError}");
            await host.StopAsync();
            return r.Errors == 0 && !r.TimedOut ? 0 : 1;
        }
        finally
        {
            if (folder is not null)
            {
                SqliteCleanup();
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static IHost Build(string? connectionString, string? folder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            if (connectionString is null) silo.UseSagasSqlite(Path.Combine(folder!, "sagas.db"));
            else silo.UseSagasPostgreSql(connectionString, clustering: false);
            silo.AddOrleansSagas(s =>
            {
                s.AddSaga(NoOpSaga.Graph);
                s.Services.AddSingleton<NoOpSaga.Step1>().AddSingleton<NoOpSaga.Step2>().AddSingleton<NoOpSaga.Step3>();
            });
        });
        return builder.Build();
    }

    private static void SqliteCleanup() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    private static int EnvInt(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
                : throw new ArgumentException($"{name} must be a whole number (was '{text}').")
            : fallback;

    /// <summary>Commit, WAL and sync counters of the server, to report durable work per workflow.</summary>
    private sealed record PgCounters(long Commits, long WriteXacts, long WalSyncs, long WalBytes)
    {
        public static async Task<PgCounters?> ReadAsync(string connectionString, bool settle = false)
        {
            try
            {
                // Backends report their statistics at most once a second.
                if (settle) await Task.Delay(TimeSpan.FromSeconds(1.2));
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "SELECT (SELECT sum(xact_commit) FROM pg_stat_database)::bigint, txid_current()::bigint, " +
                    "(SELECT wal_sync FROM pg_stat_wal)::bigint, (SELECT wal_bytes FROM pg_stat_wal)::bigint", connection);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                return new PgCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }
            catch (Exception e) when (e is NpgsqlException or InvalidCastException)
            {
                Console.Error.WriteLine($"PostgreSQL counters unavailable: {e.Message}");
                return null;
            }
        }
    }
}
