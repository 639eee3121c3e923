using System.Text.Json.Nodes;

namespace OrleansSagas.StatesLanguage.Tests.Conformance;

/// <summary>Locates and loads the conformance files copied next to the test binaries.</summary>
internal static class ConformanceData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Conformance", "Data");

    public static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static JsonObject Load(string relativeFile) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, relativeFile)))!.AsObject();

    public static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');
}
