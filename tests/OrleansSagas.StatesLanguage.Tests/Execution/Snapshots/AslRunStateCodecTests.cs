using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OrleansSagas.Engine;
using OrleansSagas.StatesLanguage.Execution;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.StatesLanguage.Tests.Execution.Snapshots;

public sealed class AslRunStateCodecTests
{
    private static string Sample() => AslRunStateCodec.Serialize(AslRunStateFixtures.Generate("map-in-flight"));

    [Fact]
    public void The_format_version_comes_first_and_pending_tasks_are_their_TaskScheduled_events()
    {
        var json = JsonNode.Parse(Sample())!.AsObject();

        Assert.Equal("format", json.First().Key);
        Assert.Equal(1, (int)json["format"]!);
        Assert.Equal("Running", (string?)json["execution"]!["Status"]);
        Assert.Equal("AwaitRetry", (string?)json["execution"]!["Frames"]!["f6"]!["Phase"]);
        var task = json["scheduledTasks"]!.AsArray().First()!;
        Assert.Equal("TaskScheduled", (string?)task["type"]);
        Assert.Equal("Succeeded", (string?)json["states"]!["Split"]!["status"]);
    }

    [Fact]
    public void The_empty_run_round_trips()
    {
        var json = AslRunStateCodec.Serialize(AslRunState.Empty);
        var restored = AslRunStateCodec.Deserialize(json);

        Assert.Equal(AslExecutionStatus.NotStarted, restored.Execution.Status);
        Assert.Empty(restored.ScheduledTasks);
        Assert.Equal(json, AslRunStateCodec.Serialize(restored));
    }

    [Fact]
    public void Unknown_properties_are_ignored_and_missing_optional_ones_are_empty()
    {
        var json = Mutate(j =>
        {
            j["addedLater"] = 1;
            j["states"]!["Price"]!["addedLater"] = "x";
            j["execution"]!["AddedLater"] = true;
            j.Remove("stateOrder");
        });

        var restored = AslRunStateCodec.Deserialize(json);

        Assert.Empty(restored.StateOrder);
        Assert.Equal(StepStatus.Succeeded, restored.States["Split"].Status);
        Assert.Single(restored.ScheduledTasks);
    }

    [Fact]
    public void Restored_maps_order_and_compare_their_keys_ordinally_whatever_the_culture()
    {
        var restored = AslRunStateCodec.Deserialize(Sample());

        Assert.Same(StringComparer.Ordinal, restored.Execution.Frames.Comparer);
        Assert.Same(StringComparer.Ordinal, restored.Execution.Timers.Comparer);
        Assert.Same(StringComparer.Ordinal, restored.Execution.Tasks.Comparer);
        Assert.Same(StringComparer.Ordinal, restored.ScheduledTasks.KeyComparer);
        Assert.Same(StringComparer.Ordinal, restored.States.KeyComparer);
    }

    [Fact]
    public void Every_field_of_the_execution_state_is_in_its_json()
    {
        // AslExecutionState.ToJson writes what System.Text.Json sees: a field it does not see is lost on reactivation.
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var hidden = typeof(AslExecutionState).GetProperties(all)
            .Where(p => p.GetCustomAttribute<JsonIncludeAttribute>() is null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null);
        Assert.Empty(hidden.Select(p => p.Name));
        Assert.Equal(["PendingTaskIds", "PendingTimers"],
            typeof(AslExecutionState).GetProperties(all).Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not null).Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var type in new[] { typeof(FrameState), typeof(ContainerState), typeof(TimerState), typeof(TaskState) })
        {
            Assert.All(type.GetProperties(all), p => Assert.True(p.GetMethod?.IsPublic == true && p.SetMethod?.IsPublic == true, $"{type.Name}.{p.Name} is not serialized"));
            Assert.DoesNotContain(type.GetFields(all), f => !f.Name.Contains("k__BackingField", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Numbers_written_for_enums_by_earlier_versions_still_read()
    {
        var json = Mutate(j => j["execution"]!["Frames"]!["f6"]!["Phase"] = (int)FramePhase.AwaitRetry);

        Assert.Equal(FramePhase.AwaitRetry, AslRunStateCodec.Deserialize(json).Execution.Frames["f6"].Phase);
    }

    [Theory]
    [InlineData("format", "'format' is missing")]
    [InlineData("execution", "'execution' is missing")]
    [InlineData("states.Price.status", "'states.Price.status' is missing")]
    [InlineData("states.Price.attempts", "'states.Price.attempts' is missing")]
    [InlineData("scheduledTasks.0.TaskId", "'scheduledTasks[0]' cannot be read")]
    public void A_missing_required_field_is_named(string remove, string message)
    {
        var json = Mutate(j =>
        {
            var path = remove.Split('.');
            var parent = path[..^1].Aggregate((JsonNode)j, (node, name) => int.TryParse(name, out var i) ? node[i]! : node[name]!);
            parent.AsObject().Remove(path[^1]);
        });

        var error = Assert.Throws<InvalidDataException>(() => AslRunStateCodec.Deserialize(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("format", "3", "'format' is 3; this runtime reads state machine run formats 1 to 1")]
    [InlineData("format", "\"1\"", "'format' must be Number, not String")]
    [InlineData("execution", "[]", "'execution' must be Object, not Array")]
    [InlineData("scheduledTasks", "{}", "'scheduledTasks' must be Array, not Object")]
    [InlineData("scheduledTasks", "[{\"type\":\"TaskStarted\",\"FrameId\":\"f\",\"StateName\":\"s\",\"TaskId\":\"t\"}]", "'scheduledTasks[0]' must be a TaskScheduled event")]
    [InlineData("scheduledTasks", "[{\"type\":\"Nonsense\"}]", "'scheduledTasks[0]' cannot be read")]
    [InlineData("states", "{\"Price\":{\"status\":\"Sleeping\",\"attempts\":1}}", "'states.Price.status' has unknown StepStatus 'Sleeping'")]
    [InlineData("states", "{\"Price\":{\"status\":\"Running\",\"attempts\":1.5}}", "'states.Price.attempts' must be a 32-bit integer")]
    [InlineData("stateOrder", "[\"Split\",7]", "'stateOrder[1]' must be String, not Number")]
    public void A_malformed_field_is_named(string field, string value, string message)
    {
        var json = Mutate(j => j[field] = JsonNode.Parse(value));

        var error = Assert.Throws<InvalidDataException>(() => AslRunStateCodec.Deserialize(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_execution_state_is_reported_under_execution()
    {
        var json = Mutate(j => j["execution"]!["Frames"]!["f6"]!["Phase"] = "Dreaming");

        var error = Assert.Throws<InvalidDataException>(() => AslRunStateCodec.Deserialize(json));
        Assert.Contains("'execution' cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"format\":1,")]
    [InlineData("[1,2]")]
    public void Text_that_is_not_a_snapshot_object_is_refused(string json) =>
        Assert.Throws<InvalidDataException>(() => AslRunStateCodec.Deserialize(json));

    private static string Mutate(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Sample())!.AsObject();
        change(json);
        return json.ToJsonString();
    }
}
