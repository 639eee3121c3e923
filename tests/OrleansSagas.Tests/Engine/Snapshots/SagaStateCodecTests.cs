using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Snapshots;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine.Snapshots;

public class SagaStateCodecTests
{
    private static readonly DateTimeOffset Odd = new(new DateTime(2031, 7, 8, 9, 10, 11).AddTicks(1234567), TimeSpan.FromMinutes(330));

    private static SagaState Sample() => new()
    {
        IsStarted = true,
        SagaId = "order-7",
        Definition = "checkout",
        Version = 3,
        Input = SagaDriver.Json(new { order = 7, note = "<déjà vu>" }),
        Status = SagaStatus.Running,
        EventCount = 4,
        CreatedAt = Odd,
        UpdatedAt = Odd.AddMinutes(1),
        Steps = [new StepSummary("pay", StepStatus.RetryWaiting, 1), new StepSummary("ship", StepStatus.Pending, 0)],
        Nodes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("pay", new NodeState
        {
            Status = StepStatus.RetryWaiting,
            Attempts = 1,
            RetryCounts = ImmutableSortedDictionary<int, int>.Empty.Add(0, 1),
            Error = new SagaError("Transient", "card declined"),
            Timer = new NodeTimer("retry:pay:2", Odd.AddSeconds(30), NodeTimerKind.Retry),
        })]),
        TimeoutAt = Odd.AddHours(1),
    };

    [Fact]
    public void Timestamps_keep_their_offset_and_every_tick()
    {
        var restored = SagaStateCodec.Deserialize(SagaStateCodec.Serialize(Sample()));

        Assert.Equal(Odd.Ticks, restored.CreatedAt.Ticks);
        Assert.Equal(Odd.Offset, restored.CreatedAt.Offset);
        Assert.Equal(Odd.AddSeconds(30).Ticks, restored.Node("pay").Timer!.DueAt.Ticks);
        Assert.Equal(Odd.Offset, restored.TimeoutAt!.Value.Offset);
        Assert.Contains("\"createdAt\":\"2031-07-08T09:10:11.1234567+05:30\"", SagaStateCodec.Serialize(restored), StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_are_written_by_name_and_the_format_version_first()
    {
        var json = JsonNode.Parse(SagaStateCodec.Serialize(Sample()))!.AsObject();

        Assert.Equal("format", json.First().Key);
        Assert.Equal(1, (int)json["format"]!);
        Assert.Equal("Running", (string?)json["status"]);
        Assert.Equal("RetryWaiting", (string?)json["nodes"]!["pay"]!["status"]);
        Assert.Equal("Retry", (string?)json["nodes"]!["pay"]!["timer"]!["kind"]);
        Assert.Equal(1, (int)json["nodes"]!["pay"]!["retryCounts"]!["0"]!);
    }

    [Fact]
    public void The_codec_knows_every_property_of_the_state()
    {
        // A new field of the engine state must be added to SagaStateCodec (and to a fixture) or it is lost on reactivation.
        Assert.Equal(
            ["BufferedSignals", "CreatedAt", "Definition", "Error", "EventCount", "Input", "IsStarted", "IsUnwinding", "Nodes", "Output",
             "ParentId", "ParentNode", "SagaId", "Status", "Steps", "StuckNode", "TimeoutAt", "UnwindCause", "UnwindOutcome", "UpdatedAt", "Version"],
            StateProperties(typeof(SagaState)));
        Assert.Equal(
            ["AttemptDeadline", "Attempts", "ChildId", "Error", "InFlightAttempt", "Output", "RetryCounts", "Status", "Timer", "UndoAttempts", "UndoError",
             "UndoInFlight", "UndoRetryCounts"],
            StateProperties(typeof(NodeState)));
        Assert.Equal(["DueAt", "Id", "Kind"], StateProperties(typeof(NodeTimer)));
        Assert.Equal(["Name", "Payload"], StateProperties(typeof(BufferedSignal)));
        Assert.Equal(["Attempts", "Name", "Status"], StateProperties(typeof(StepSummary)));
        Assert.Equal(["Cause", "Error"], StateProperties(typeof(SagaError)));
    }

    [Fact]
    public void Restored_nodes_are_ordered_by_ordinal_name()
    {
        var restored = SagaStateCodec.Deserialize(SagaStateCodec.Serialize(Sample()));

        Assert.Same(StringComparer.Ordinal, restored.Nodes.KeyComparer);
    }

    [Fact]
    public void A_json_null_value_and_no_value_stay_distinct()
    {
        var state = Sample() with { Output = SagaJson.Parse("null") };
        var restored = SagaStateCodec.Deserialize(SagaStateCodec.Serialize(state));

        Assert.Equal(JsonValueKind.Null, restored.Output!.Value.ValueKind);
        Assert.Null(restored.Node("pay").Output);
        Assert.Equal(JsonValueKind.Undefined, SagaStateCodec.Deserialize(SagaStateCodec.Serialize(SagaState.Empty)).Input.ValueKind);
    }

    [Fact]
    public void Unknown_properties_are_ignored_and_missing_optional_ones_take_their_defaults()
    {
        var json = Mutate(j =>
        {
            j["addedLater"] = new JsonObject { ["x"] = 1 };
            j["nodes"]!["pay"]!["addedLater"] = true;
            j.Remove("isUnwinding");
            j.Remove("unwindOutcome");
            j["nodes"]!.AsObject().Remove("pay");
        });

        var restored = SagaStateCodec.Deserialize(json);

        Assert.False(restored.IsUnwinding);
        Assert.Equal(SagaStatus.Running, restored.UnwindOutcome);
        Assert.Empty(restored.Nodes);
        Assert.Empty(restored.BufferedSignals);
        Assert.Equal("order-7", restored.SagaId);
    }

    [Theory]
    [InlineData("format", "format")]
    [InlineData("sagaId", "sagaId")]
    [InlineData("status", "status")]
    [InlineData("createdAt", "createdAt")]
    [InlineData("nodes.pay.status", "nodes.pay.status")]
    [InlineData("nodes.pay.timer.dueAt", "nodes.pay.timer.dueAt")]
    [InlineData("nodes.pay.error.cause", "nodes.pay.error.cause")]
    public void A_missing_required_field_is_named(string remove, string field)
    {
        var json = Mutate(j =>
        {
            var path = remove.Split('.');
            var parent = path[..^1].Aggregate((JsonNode)j, (node, name) => node[name]!);
            parent.AsObject().Remove(path[^1]);
        });

        var error = Assert.Throws<InvalidDataException>(() => SagaStateCodec.Deserialize(json));
        Assert.Contains($"'{field}' is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventCount", "\"4\"", "'eventCount' must be a 64-bit integer")]
    [InlineData("isStarted", "1", "'isStarted' must be true or false")]
    [InlineData("createdAt", "\"yesterday\"", "'createdAt' must be an ISO 8601 timestamp")]
    [InlineData("status", "\"Sleeping\"", "'status' has unknown SagaStatus 'Sleeping'")]
    [InlineData("status", "1", "'status' must be a string")]
    [InlineData("nodes.pay.status", "\"Paused\"", "'nodes.pay.status' has unknown StepStatus 'Paused'")]
    [InlineData("nodes.pay.timer.kind", "\"Alarm\"", "'nodes.pay.timer.kind' has unknown NodeTimerKind 'Alarm'")]
    [InlineData("nodes.pay.attempts", "1.5", "'nodes.pay.attempts' must be a 32-bit integer")]
    [InlineData("nodes.pay.retryCounts", "{\"first\":1}", "'nodes.pay.retryCounts.first' must be keyed by a retrier index")]
    [InlineData("nodes", "[]", "'nodes' must be an object")]
    [InlineData("steps", "{}", "'steps' must be an array")]
    [InlineData("format", "2", "'format' is 2; this runtime reads saga state formats 1 to 1")]
    public void A_malformed_field_is_named(string field, string value, string message)
    {
        var json = Mutate(j =>
        {
            var path = field.Split('.');
            var parent = path[..^1].Aggregate((JsonNode)j, (node, name) => node[name]!);
            parent[path[^1]] = JsonNode.Parse(value);
        });

        var error = Assert.Throws<InvalidDataException>(() => SagaStateCodec.Deserialize(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_step_entry_is_named_with_its_index()
    {
        var json = Mutate(j => j["steps"]![1]!.AsObject().Remove("attempts"));

        var error = Assert.Throws<InvalidDataException>(() => SagaStateCodec.Deserialize(json));
        Assert.Contains("'steps[1].attempts' is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"format\":1,")]
    [InlineData("[1,2]")]
    public void Text_that_is_not_a_snapshot_object_is_refused(string json) =>
        Assert.Throws<InvalidDataException>(() => SagaStateCodec.Deserialize(json));

    private static string[] StateProperties(Type type) =>
    [
        .. type.GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .Where(p => p.Name != "EqualityContract")
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal),
    ];

    private static string Mutate(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(SagaStateCodec.Serialize(Sample()))!.AsObject();
        change(json);
        return json.ToJsonString();
    }
}
