using OrleansSagas.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- http-sqlite --sagas 2000 --concurrency 32
// dotnet run -c Release --project tests/Benchmarks -- cluster-pg --sagas 1000 --concurrency 32 --nodes 3
// dotnet run -c Release --project tests/Benchmarks -- takeover --runs 3
try
{
    var parsed = BenchmarkArgs.Parse(args);
    return parsed.Name switch
    {
        "http-sqlite" => await HttpSqliteBenchmark.RunAsync(parsed),
        "cluster-pg" => await OrleansSagas.Benchmarks.Cluster.ClusterPostgresBenchmark.RunAsync(parsed),
        "takeover" => await OrleansSagas.Benchmarks.Cluster.TakeoverBenchmark.RunAsync(parsed),
        _ => throw new ArgumentException($"Unknown benchmark '{parsed.Name}'; known: http-sqlite, cluster-pg, takeover."),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
