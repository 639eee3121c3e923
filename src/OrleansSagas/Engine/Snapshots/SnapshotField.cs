using System.Globalization;
using System.Text.Json;

namespace OrleansSagas.Engine.Snapshots;

/// <summary>
/// One value of a snapshot being read, with its path from the root, so every error names the field it is about.
/// </summary>
internal readonly struct SnapshotField
{
    private readonly JsonElement _value;

    public SnapshotField(JsonElement value, string path)
    {
        _value = value;
        Path = path;
    }

    public string Path { get; }

    public SnapshotField Required(string name) =>
        Optional(name) ?? throw Problem(Child(name), "is missing");

    /// <summary>The property <paramref name="name"/>; null when absent or JSON null.</summary>
    public SnapshotField? Optional(string name)
    {
        RequireKind(JsonValueKind.Object, "an object");
        return _value.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new SnapshotField(value, Child(name))
            : null;
    }

    /// <summary>The property <paramref name="name"/> as a stored JSON value: JSON null is a value, absence is not.</summary>
    public JsonElement? OptionalValue(string name)
    {
        RequireKind(JsonValueKind.Object, "an object");
        return _value.TryGetProperty(name, out var value) ? value.Clone() : null;
    }

    public string String()
    {
        RequireKind(JsonValueKind.String, "a string");
        return _value.GetString()!;
    }

    public int Int32() => _value.ValueKind == JsonValueKind.Number && _value.TryGetInt32(out var value) ? value : throw Problem(Path, "must be a 32-bit integer");

    public long Int64() => _value.ValueKind == JsonValueKind.Number && _value.TryGetInt64(out var value) ? value : throw Problem(Path, "must be a 64-bit integer");

    public bool Boolean() => _value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Problem(Path, "must be true or false"),
    };

    public DateTimeOffset Timestamp()
    {
        RequireKind(JsonValueKind.String, "an ISO 8601 timestamp");
        if (DateTimeOffset.TryParseExact(_value.GetString(), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)) return exact;
        return _value.TryGetDateTimeOffset(out var value) ? value : throw Problem(Path, "must be an ISO 8601 timestamp with an offset");
    }

    /// <summary>An enum written by name; numbers and unknown names are refused so a renamed member cannot be misread.</summary>
    public TEnum Enum<TEnum>() where TEnum : struct, Enum
    {
        var name = String();
        return System.Enum.GetNames<TEnum>().Contains(name, StringComparer.Ordinal)
            ? System.Enum.Parse<TEnum>(name)
            : throw Problem(Path, $"has unknown {typeof(TEnum).Name} '{name}' (expected one of {string.Join(", ", System.Enum.GetNames<TEnum>())})");
    }

    public IEnumerable<SnapshotField> Items()
    {
        RequireKind(JsonValueKind.Array, "an array");
        var path = Path;
        return _value.EnumerateArray().Select((item, i) => new SnapshotField(item, $"{path}[{i}]"));
    }

    public IEnumerable<(string Name, SnapshotField Value)> Properties()
    {
        RequireKind(JsonValueKind.Object, "an object");
        var path = Path;
        return _value.EnumerateObject().Select(p => (p.Name, new SnapshotField(p.Value, $"{path}.{p.Name}")));
    }

    public static InvalidDataException Problem(string path, string problem) =>
        new($"Snapshot field '{path}' {problem}.");

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private void RequireKind(JsonValueKind kind, string what)
    {
        if (_value.ValueKind != kind) throw Problem(Path.Length == 0 ? "(root)" : Path, $"must be {what}, not {_value.ValueKind}");
    }
}
