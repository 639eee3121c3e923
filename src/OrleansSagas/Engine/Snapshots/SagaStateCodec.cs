using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.Engine.Snapshots;

/// <summary>
/// The persisted form of a <see cref="SagaState"/>: every field the engine needs to continue the saga, in an explicit
/// JSON format that does not depend on the CLR shape of the state. Rules of the format (version <see cref="Format"/>):
/// camelCase names; enums by name; timestamps in round-trip ("O") form, offset kept; C# nulls and empty collections
/// are omitted; JSON values (input, outputs, payloads) are stored verbatim, so an absent property means "no value"
/// while <c>null</c> is the JSON null. Readers ignore unknown properties and default missing optional ones.
/// </summary>
internal static class SagaStateCodec
{
    /// <summary>The format version written; a reader refuses anything newer.</summary>
    public const int Format = 1;

    // Snapshots are stored, never embedded in HTML: only what JSON requires is escaped, so timestamps keep their '+'.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(SagaState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WriteBoolean("isStarted", state.IsStarted);
            w.WriteString("sagaId", state.SagaId);
            w.WriteString("definition", state.Definition);
            w.WriteNumber("version", state.Version);
            WriteValue(w, "input", state.Input);
            WriteString(w, "parentId", state.ParentId);
            WriteString(w, "parentNode", state.ParentNode);
            w.WriteString("status", state.Status.ToString());
            WriteValue(w, "output", state.Output);
            WriteError(w, "error", state.Error);
            WriteString(w, "stuckNode", state.StuckNode);
            w.WriteNumber("eventCount", state.EventCount);
            WriteTimestamp(w, "createdAt", state.CreatedAt);
            WriteTimestamp(w, "updatedAt", state.UpdatedAt);
            if (state.Steps.Count > 0)
            {
                w.WriteStartArray("steps");
                foreach (var step in state.Steps)
                {
                    w.WriteStartObject();
                    w.WriteString("name", step.Name);
                    w.WriteString("status", step.Status.ToString());
                    w.WriteNumber("attempts", step.Attempts);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (!state.Nodes.IsEmpty)
            {
                w.WriteStartObject("nodes");
                foreach (var (name, node) in state.Nodes) WriteNode(w, name, node);
                w.WriteEndObject();
            }
            w.WriteBoolean("isUnwinding", state.IsUnwinding);
            w.WriteString("unwindOutcome", state.UnwindOutcome.ToString());
            WriteError(w, "unwindCause", state.UnwindCause);
            if (state.TimeoutAt is { } timeoutAt) WriteTimestamp(w, "timeoutAt", timeoutAt);
            if (!state.BufferedSignals.IsEmpty)
            {
                w.WriteStartArray("bufferedSignals");
                foreach (var signal in state.BufferedSignals)
                {
                    w.WriteStartObject();
                    w.WriteString("name", signal.Name);
                    WriteValue(w, "payload", signal.Payload);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static SagaState Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(json);
        var root = new SnapshotField(document.RootElement, "");
        var format = root.Required("format").Int32();
        if (format is < 1 or > Format)
            throw SnapshotField.Problem("format", $"is {format}; this runtime reads saga state formats 1 to {Format}");
        var nodes = ImmutableSortedDictionary.CreateBuilder<string, NodeState>(StringComparer.Ordinal);
        foreach (var (name, node) in root.Optional("nodes")?.Properties() ?? []) nodes[name] = ReadNode(node);
        return new SagaState
        {
            IsStarted = root.Required("isStarted").Boolean(),
            SagaId = root.Required("sagaId").String(),
            Definition = root.Required("definition").String(),
            Version = root.Required("version").Int32(),
            Input = root.OptionalValue("input") ?? default,
            ParentId = root.Optional("parentId")?.String(),
            ParentNode = root.Optional("parentNode")?.String(),
            Status = root.Required("status").Enum<SagaStatus>(),
            Output = root.OptionalValue("output"),
            Error = ReadError(root.Optional("error")),
            StuckNode = root.Optional("stuckNode")?.String(),
            EventCount = root.Required("eventCount").Int64(),
            CreatedAt = root.Required("createdAt").Timestamp(),
            UpdatedAt = root.Required("updatedAt").Timestamp(),
            Steps = [.. (root.Optional("steps")?.Items() ?? []).Select(s =>
                new StepSummary(s.Required("name").String(), s.Required("status").Enum<StepStatus>(), s.Required("attempts").Int32()))],
            Nodes = nodes.ToImmutable(),
            IsUnwinding = root.Optional("isUnwinding")?.Boolean() ?? false,
            UnwindOutcome = root.Optional("unwindOutcome")?.Enum<SagaStatus>() ?? default,
            UnwindCause = ReadError(root.Optional("unwindCause")),
            TimeoutAt = root.Optional("timeoutAt")?.Timestamp(),
            BufferedSignals = [.. (root.Optional("bufferedSignals")?.Items() ?? []).Select(s =>
                new BufferedSignal(s.Required("name").String(), s.OptionalValue("payload") ?? default))],
        };
    }

    private static void WriteNode(Utf8JsonWriter w, string name, NodeState node)
    {
        w.WriteStartObject(name);
        w.WriteString("status", node.Status.ToString());
        w.WriteNumber("attempts", node.Attempts);
        if (node.InFlightAttempt is { } inFlight) w.WriteNumber("inFlightAttempt", inFlight);
        WriteCounts(w, "retryCounts", node.RetryCounts);
        WriteValue(w, "output", node.Output);
        WriteError(w, "error", node.Error);
        WriteString(w, "childId", node.ChildId);
        if (node.AttemptDeadline is { } deadline) WriteTimestamp(w, "attemptDeadline", deadline);
        if (node.Timer is { } timer)
        {
            w.WriteStartObject("timer");
            w.WriteString("id", timer.Id);
            WriteTimestamp(w, "dueAt", timer.DueAt);
            w.WriteString("kind", timer.Kind.ToString());
            w.WriteEndObject();
        }
        w.WriteNumber("undoAttempts", node.UndoAttempts);
        if (node.UndoInFlight is { } undoInFlight) w.WriteNumber("undoInFlight", undoInFlight);
        WriteCounts(w, "undoRetryCounts", node.UndoRetryCounts);
        WriteError(w, "undoError", node.UndoError);
        w.WriteEndObject();
    }

    private static NodeState ReadNode(SnapshotField node) => new()
    {
        Status = node.Required("status").Enum<StepStatus>(),
        Attempts = node.Optional("attempts")?.Int32() ?? 0,
        InFlightAttempt = node.Optional("inFlightAttempt")?.Int32(),
        RetryCounts = ReadCounts(node.Optional("retryCounts")),
        Output = node.OptionalValue("output"),
        Error = ReadError(node.Optional("error")),
        ChildId = node.Optional("childId")?.String(),
        AttemptDeadline = node.Optional("attemptDeadline")?.Timestamp(),
        Timer = node.Optional("timer") is { } timer
            ? new NodeTimer(timer.Required("id").String(), timer.Required("dueAt").Timestamp(), timer.Required("kind").Enum<NodeTimerKind>())
            : null,
        UndoAttempts = node.Optional("undoAttempts")?.Int32() ?? 0,
        UndoInFlight = node.Optional("undoInFlight")?.Int32(),
        UndoRetryCounts = ReadCounts(node.Optional("undoRetryCounts")),
        UndoError = ReadError(node.Optional("undoError")),
    };

    // Retry counts are keyed by retrier index; JSON keys are strings, so the index is written in invariant digits.
    private static void WriteCounts(Utf8JsonWriter w, string name, ImmutableSortedDictionary<int, int> counts)
    {
        if (counts.IsEmpty) return;
        w.WriteStartObject(name);
        foreach (var (index, count) in counts) w.WriteNumber(index.ToString(CultureInfo.InvariantCulture), count);
        w.WriteEndObject();
    }

    private static ImmutableSortedDictionary<int, int> ReadCounts(SnapshotField? counts)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<int, int>();
        foreach (var (key, value) in counts?.Properties() ?? [])
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                throw SnapshotField.Problem(value.Path, "must be keyed by a retrier index (a non-negative integer)");
            result[index] = value.Int32();
        }
        return result.ToImmutable();
    }

    private static void WriteError(Utf8JsonWriter w, string name, SagaError? error)
    {
        if (error is null) return;
        w.WriteStartObject(name);
        w.WriteString("error", error.Error);
        w.WriteString("cause", error.Cause);
        w.WriteEndObject();
    }

    private static SagaError? ReadError(SnapshotField? error) =>
        error is { } e ? new SagaError(e.Required("error").String(), e.Required("cause").String()) : null;

    private static void WriteString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void WriteTimestamp(Utf8JsonWriter w, string name, DateTimeOffset value) =>
        w.WriteString(name, value.ToString("O", CultureInfo.InvariantCulture));

    // An undefined element has no JSON form: a plain one (a saga not started has no input) is written as an absent
    // property; inside a present value the engine never stores one (it normalizes to JSON null), so null is written.
    private static void WriteValue(Utf8JsonWriter w, string name, JsonElement? value)
    {
        if (value is not { } element) return;
        w.WritePropertyName(name);
        if (element.ValueKind == JsonValueKind.Undefined) w.WriteNullValue();
        else element.WriteTo(w);
    }

    private static void WriteValue(Utf8JsonWriter w, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Undefined) WriteValue(w, name, (JsonElement?)value);
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Saga state snapshot is not valid JSON: {e.Message}", e);
        }
    }
}
