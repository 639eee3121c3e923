using System.Globalization;

namespace OrleansSagas.Benchmarks;

/// <summary>The command line: a benchmark name, then <c>--name value</c> options.</summary>
internal sealed class BenchmarkArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    private BenchmarkArgs(string name) => Name = name;

    public string Name { get; }

    public static BenchmarkArgs Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException("Usage: <benchmark> [--option value]…  Benchmarks: sagas, http-sqlite, cluster-pg, takeover, schedule-lateness.");
        var parsed = new BenchmarkArgs(args[0]);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--option value' at '{args[i]}'.");
            parsed._options[args[i][2..]] = args[i + 1];
        }
        return parsed;
    }

    public int Int(string name, int defaultValue, int min = 1) =>
        !_options.TryGetValue(name, out var text) ? defaultValue
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min ? value
        : throw new ArgumentException($"--{name} must be a whole number of at least {min} (was '{text}').");

    public bool Bool(string name, bool defaultValue) =>
        !_options.TryGetValue(name, out var text) ? defaultValue
        : bool.TryParse(text, out var value) ? value
        : throw new ArgumentException($"--{name} must be true or false (was '{text}').");
}
