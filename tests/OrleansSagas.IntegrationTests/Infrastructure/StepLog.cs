namespace OrleansSagas.IntegrationTests.Infrastructure;

/// <summary>Reads the file the sample handlers append "idempotency-key attempt" lines to (setting Samples:StepLogPath).</summary>
public sealed class StepLog(string path)
{
    public string Path { get; } = path;

    public IReadOnlyList<(string Key, int Attempt)> Entries()
    {
        if (!File.Exists(Path)) return [];
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2)
            .Select(parts => (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    public IReadOnlyList<string> KeysOf(string sagaId) => [.. Entries().Where(e => e.Key.StartsWith(sagaId + "/", StringComparison.Ordinal)).Select(e => e.Key)];

    public int Count(string key) => Entries().Count(e => e.Key == key);
}
