using OrleansSagas.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- sagas            (N, C, WARMUP, MAX_SECONDS, PEERS_PG_URL from the environment)
// dotnet run -c Release --project tests/Benchmarks -- http-sqlite --sagas 2000 --concurrency 32
// dotnet run -c Release --project tests/Benchmarks -- cluster-pg --sagas 1000 --concurrency 32 --nodes 3
// dotnet run -c Release --project tests/Benchmarks -- takeover --runs 3 --silos 3
// dotnet run -c Release --project tests/Benchmarks -- activities --tasks 2000 --workers 4 --worker-concurrency 8 --concurrency 32
// dotnet run -c Release --project tests/Benchmarks -- schedule-lateness --minutes 10
const string Known = "sagas, http-sqlite, cluster-pg, takeover, activities, schedule-lateness";
try
{
    var parsed = BenchmarkArgs.Parse(args);
    return parsed.Name switch
    {
        "sagas" => await OrleansSagas.Benchmarks.Sagas.SagasBenchmark.RunAsync(parsed),
        "http-sqlite" => await HttpSqliteBenchmark.RunAsync(parsed),
        "cluster-pg" => await OrleansSagas.Benchmarks.Silos.ClusterPostgresBenchmark.RunAsync(parsed),
        "activities" => await OrleansSagas.Benchmarks.Silos.ActivitiesBenchmark.RunAsync(parsed),
        "takeover" => await OrleansSagas.Benchmarks.Silos.TakeoverBenchmark.RunAsync(parsed),
        "schedule-lateness" => await OrleansSagas.Benchmarks.Schedules.ScheduleLatenessBenchmark.RunAsync(parsed),
        _ => throw new ArgumentException($"Unknown benchmark '{parsed.Name}'; known: {Known}."),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
