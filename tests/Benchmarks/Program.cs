using OrleansSagas.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- http-sqlite --sagas 2000 --concurrency 32
try
{
    var parsed = BenchmarkArgs.Parse(args);
    return parsed.Name switch
    {
        "http-sqlite" => await HttpSqliteBenchmark.RunAsync(parsed),
        _ => throw new ArgumentException($"Unknown benchmark '{parsed.Name}'; known: http-sqlite."),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
