using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansSagas.Engine;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Execution.History;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>
/// The persisted form of an <see cref="AslRunState"/> (format <see cref="Format"/>): the interpreter state as
/// <see cref="AslExecutionState.ToJson"/> writes it, each pending task as its TaskScheduled history event (the same
/// JSON as in the history), and the per-state summaries. camelCase names, enums by name, collections in ordinal
/// order; unknown properties are ignored and missing optional ones default to empty.
/// </summary>
internal static class AslRunStateCodec
{
    /// <summary>The format version written; a reader refuses anything newer.</summary>
    public const int Format = 1;

    // Snapshots are stored, never embedded in HTML: only what JSON requires is escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(AslRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WritePropertyName("execution");
            w.WriteRawValue(state.Execution.ToJson());
            if (!state.ScheduledTasks.IsEmpty)
            {
                w.WriteStartArray("scheduledTasks");
                foreach (var task in state.ScheduledTasks.OrderBy(t => t.Key, StringComparer.Ordinal))
                    w.WriteRawValue(JsonSerializer.Serialize<AslHistoryEvent>(task.Value));
                w.WriteEndArray();
            }
            if (!state.States.IsEmpty)
            {
                w.WriteStartObject("states");
                foreach (var (name, summary) in state.States.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(name);
                    w.WriteString("status", summary.Status.ToString());
                    w.WriteNumber("attempts", summary.Attempts);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            if (!state.StateOrder.IsEmpty)
            {
                w.WriteStartArray("stateOrder");
                foreach (var name in state.StateOrder) w.WriteStringValue(name);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static AslRunState Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(json);
        var root = document.RootElement;
        Expect(root, JsonValueKind.Object, "(root)");
        var format = Required(root, "format", JsonValueKind.Number);
        if (!format.TryGetInt32(out var version) || version is < 1 or > Format)
            throw Problem("format", $"is {format.GetRawText()}; this runtime reads state machine run formats 1 to {Format}");

        var execution = Read("execution", () => AslExecutionState.FromJson(Required(root, "execution", JsonValueKind.Object).GetRawText()));

        var tasks = ImmutableDictionary.CreateBuilder<string, TaskScheduledEvent>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in Items(Optional(root, "scheduledTasks", JsonValueKind.Array)))
        {
            var path = $"scheduledTasks[{i++}]";
            var task = Read(path, () => JsonSerializer.Deserialize<AslHistoryEvent>(item.GetRawText())) as TaskScheduledEvent
                ?? throw Problem(path, "must be a TaskScheduled event");
            tasks[task.TaskId] = task;
        }

        var states = ImmutableDictionary.CreateBuilder<string, StepSummary>(StringComparer.Ordinal);
        foreach (var entry in Properties(Optional(root, "states", JsonValueKind.Object)))
        {
            var path = $"states.{entry.Name}";
            Expect(entry.Value, JsonValueKind.Object, path);
            var status = Required(entry.Value, "status", JsonValueKind.String, path).GetString()!;
            if (!Enum.GetNames<StepStatus>().Contains(status, StringComparer.Ordinal))
                throw Problem($"{path}.status", $"has unknown StepStatus '{status}'");
            var attempts = Required(entry.Value, "attempts", JsonValueKind.Number, path);
            if (!attempts.TryGetInt32(out var count)) throw Problem($"{path}.attempts", "must be a 32-bit integer");
            states[entry.Name] = new StepSummary(entry.Name, Enum.Parse<StepStatus>(status), count);
        }

        var order = ImmutableList.CreateBuilder<string>();
        i = 0;
        foreach (var name in Items(Optional(root, "stateOrder", JsonValueKind.Array)))
        {
            Expect(name, JsonValueKind.String, $"stateOrder[{i++}]");
            order.Add(name.GetString()!);
        }

        return new AslRunState(execution, tasks.ToImmutable(), states.ToImmutable(), order.ToImmutable());
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string? parentPath = null) =>
        Optional(parent, name, kind, parentPath) ?? throw Problem(Child(parentPath, name), "is missing");

    private static JsonElement? Optional(JsonElement parent, string name, JsonValueKind kind, string? parentPath = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        Expect(value, kind, Child(parentPath, name));
        return value;
    }

    private static IEnumerable<JsonElement> Items(JsonElement? array) => array is { } a ? a.EnumerateArray() : [];

    private static IEnumerable<JsonProperty> Properties(JsonElement? obj) => obj is { } o ? o.EnumerateObject() : [];

    private static void Expect(JsonElement value, JsonValueKind kind, string path)
    {
        if (value.ValueKind != kind) throw Problem(path, $"must be {kind}, not {value.ValueKind}");
    }

    private static string Child(string? parentPath, string name) => parentPath is null ? name : $"{parentPath}.{name}";

    // The nested parts keep their own JSON readers; their errors are reported under the field that holds them.
    private static T Read<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw Problem(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static InvalidDataException Problem(string path, string problem, Exception? inner = null) =>
        new($"Snapshot field '{path}' {problem}.", inner);

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"State machine run snapshot is not valid JSON: {e.Message}", e);
        }
    }
}
