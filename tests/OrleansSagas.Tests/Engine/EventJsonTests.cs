using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Events;

namespace OrleansSagas.Tests.Engine;

public class EventJsonTests
{
    private static readonly DateTimeOffset At = new(2030, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
    private static readonly SagaError Error = new("Boom", "it broke");

    public static TheoryData<SagaEvent> Events() =>
    [
        new SagaStarted("s-1", "trip", 2, SagaJson.Parse("""{"order":1}"""), "parent", "node", At),
        new ActionScheduled("a", 1, At) { HeartbeatDueAt = At },
        new HeartbeatRecorded("a", 2, At),
        new DelayStarted("d", 1, At),
        new SignalWaitStarted("w", 2, null),
        new ChildSagaStarted("c", 1, "s-1/c"),
        new SignalBuffered("go", SagaJson.Parse("[1,2]")),
        new SignalConsumed("w", 1, "go", SagaJson.Parse("true"), true),
        new NodeSucceeded("a", 3, SagaJson.Parse("""{"x":"y"}""")),
        new RetryScheduled("a", 1, Error, 0, At),
        new NodeFailed("a", 2, Error),
        new NodeAbandoned("d"),
        new UnwindStarted(SagaStatus.Cancelled, Error),
        new UndoScheduled("a", 1),
        new NodeUndone("a", 0),
        new UndoRetryScheduled("a", 1, Error, 1, At),
        new UndoGaveUp("a", 2, Error),
        new SagaStuck("a", Error),
        new StuckUndoRetried("a"),
        new StuckUndoSkipped("a"),
        new SagaFinished(SagaStatus.Succeeded, SagaJson.Parse("{}"), null),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_round_trips_through_json_with_its_type_name(SagaEvent original)
    {
        var stamped = original with { Timestamp = At };

        var json = JsonSerializer.Serialize(stamped, SagaJson.Options);
        var back = JsonSerializer.Deserialize<SagaEvent>(json, SagaJson.Options)!;

        using var document = JsonDocument.Parse(json);
        Assert.Equal(original.GetType().Name, document.RootElement.GetProperty("type").GetString());
        Assert.Equal(original.GetType(), back.GetType());
        Assert.Equal(At, back.Timestamp);
        Assert.Equal(json, JsonSerializer.Serialize(back, SagaJson.Options));
    }

    [Fact]
    public void Every_event_type_is_registered_for_polymorphic_json()
    {
        var all = typeof(SagaEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SagaEvent))).Select(t => t.Name).Order();

        Assert.Equal(all, Events().Cast<object[]>().Select(row => row[0].GetType().Name).Order());
    }
}
