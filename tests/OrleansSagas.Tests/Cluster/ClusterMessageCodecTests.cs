using OrleansSagas.Cluster;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Messages;

namespace OrleansSagas.Tests.Cluster;

public sealed class ClusterMessageCodecTests
{
    public static TheoryData<SagaMessage> Messages() =>
    [
        new StartSaga("s1", "trip", 2, SagaJson.Parse("""{"customer":"ada"}"""), "parent", "book"),
        new SignalReceived("approved", SagaJson.Parse("""{"by":"manager"}""")),
        new ChildCompleted("book", "child-1", SagaStatus.Compensated, null, new SagaError("Boom", "it failed")),
        new ChildCompleted("book", "child-2", SagaStatus.Succeeded, SagaJson.Parse("42"), null),
        new CancelSaga("Cancelled on request."),
        new CompensateSaga("Parent unwinds."),
        new RetryStuckUndo("refund"),
        new SkipStuckUndo("refund"),
        new TimerFired("retry:pay:2"),
        new StepCompleted("pay", 3, SagaJson.Parse("""{"paid":true}""")),
        new StepFailed("pay", 1, new SagaError("Timeout", "slow")),
        new UndoCompleted("pay", 1),
        new UndoFailed("pay", 2, new SagaError("Boom", "no")),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_engine_message_survives_the_wire(SagaMessage message)
    {
        var (type, body) = ClusterMessageCodec.Encode(message);
        Assert.Equal(message.GetType().Name, type);
        var back = ClusterMessageCodec.Decode(type, SagaJson.Parse(body.GetRawText()));
        Assert.Equal(message.GetType(), back.GetType());
        Assert.Equal(body.GetRawText(), ClusterMessageCodec.Encode(back).Body.GetRawText());
    }

    [Fact]
    public void Unknown_types_and_bad_bodies_are_rejected_by_name()
    {
        Assert.Contains("'Nope'", Assert.Throws<ArgumentException>(() => ClusterMessageCodec.Decode("Nope", SagaJson.Parse("{}"))).Message);
        Assert.Contains("'TimerFired'", Assert.Throws<ArgumentException>(() => ClusterMessageCodec.Decode("TimerFired", SagaJson.Parse("[1]"))).Message);
    }
}
