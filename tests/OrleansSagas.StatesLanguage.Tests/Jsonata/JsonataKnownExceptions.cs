namespace OrleansSagas.StatesLanguage.Tests.Jsonata;

/// <summary>The conformance cases that do not pass, each with its reason (JsonataKnownExceptions.txt).</summary>
internal static class JsonataKnownExceptions
{
    public static Dictionary<string, string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Jsonata", "JsonataKnownExceptions.txt");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            Assert.True(colon > 0, $"a known exception needs a reason: '{line}'");
            result.Add(line[..colon], line[(colon + 2)..]);
        }

        return result;
    }
}
