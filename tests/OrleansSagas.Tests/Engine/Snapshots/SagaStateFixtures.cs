using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Engine.Snapshots;

/// <summary>
/// The representative saga states behind the committed snapshot fixtures (Fixtures/*.json), each driven through
/// the engine the way the runtime would (the driver keeps the graph and the state).
/// </summary>
internal static class SagaStateFixtures
{
    public static readonly string[] Names = ["running-retry", "waiting-signal", "stuck-unwinding", "succeeded", "child-saga"];

    public static SagaDriver Generate(string name) => name switch
    {
        "running-retry" => RunningWithRetry(),
        "waiting-signal" => WaitingForSignal(),
        "stuck-unwinding" => StuckWhileUnwinding(),
        "succeeded" => Succeeded(),
        "child-saga" => WithChildSaga(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown fixture"),
    };

    /// <summary>Fixtures are stored indented (one property a line, LF) so a change of shape reads well in a diff.</summary>
    public static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    public static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Retrier Transient(int maxAttempts) => new()
    {
        ErrorEquals = ["Transient"],
        MaxAttempts = maxAttempts,
        Interval = TimeSpan.FromSeconds(10),
        BackoffRate = 2,
    };

    /// <summary>"reserve" in flight with an attempt timeout while "charge" waits for its retry timer; a saga timeout is armed.</summary>
    private static SagaDriver RunningWithRetry()
    {
        var graph = new SagaBuilder("booking")
            .Step<NoopStep>("reserve", n => n.WithUndo<NoopUndo>().Timeout(TimeSpan.FromMinutes(2)))
            .Step<NoopStep>("charge", n => n.WithUndo<NoopUndo>().Retry(Transient(3)))
            .Step<NoopStep>("confirm", n => n.After("reserve", "charge"))
            .Timeout(TimeSpan.FromHours(1))
            .Build();
        var saga = new SagaDriver(graph, "booking-1");
        saga.Start(new { trip = "LIS", travellers = 2, price = 129.90m });
        saga.Now = saga.Now.AddSeconds(3);
        saga.Fail("charge", "Transient");
        return saga;
    }

    /// <summary>"approve" waits for its signal with a timeout; "go" arrived before "dispatch" waited for it and is buffered.</summary>
    private static SagaDriver WaitingForSignal()
    {
        var graph = new SagaBuilder("approval")
            .Step<NoopStep>("prepare", n => n.WithUndo<NoopUndo>())
            .WaitForSignal("approve", "approve", TimeSpan.FromMinutes(30), n => n.After("prepare"))
            .WaitForSignal("dispatch", "go", null, n => n.After("approve"))
            .Build();
        var saga = new SagaDriver(graph, "approval-1");
        saga.Start(new { document = "contract-9" });
        saga.Signal("go", new { by = "ops", at = "08:00" });
        saga.Now = saga.Now.AddMinutes(1);
        saga.Complete("prepare", new { pages = 12 });
        return saga;
    }

    /// <summary>"ship" failed for good; unwinding, the undo of "charge" failed after its retries and the saga is stuck.</summary>
    private static SagaDriver StuckWhileUnwinding()
    {
        var graph = new SagaBuilder("order")
            .Step<NoopStep>("reserve", n => n.WithUndo<NoopUndo>())
            .Step<NoopStep>("charge", n => n.After("reserve").WithUndo<NoopUndo>().RetryUndo(Transient(1)))
            .Step<NoopStep>("ship", n => n.After("charge"))
            .Build();
        var saga = new SagaDriver(graph, "order-1");
        saga.Start(new { order = 1 });
        saga.Complete("reserve", new { hold = "H-1" });
        saga.Complete("charge", new { receipt = "R-1" });
        saga.Now = saga.Now.AddMinutes(1);
        saga.Fail("ship", "Fatal");
        saga.UndoFail("charge", "Transient");
        saga.Fire(saga.Timers.Keys.Single());
        saga.UndoFail("charge", "Transient");
        return saga;
    }

    /// <summary>Every node succeeded, a delay and a constant among them; the saga has its output.</summary>
    private static SagaDriver Succeeded()
    {
        var graph = new SagaBuilder("welcome")
            .Constant("greeting", new { text = "hello, wörld" })
            .Delay("pause", TimeSpan.FromSeconds(30), n => n.After("greeting"))
            .Step<NoopStep>("send", n => n.After("pause").ReadsOutputOf("greeting"))
            .Build();
        var saga = new SagaDriver(graph, "welcome-1");
        saga.Start(new { user = "ana" });
        saga.Fire(saga.Timers.Keys.Single());
        saga.Complete("send", new { messageId = "m-1", sent = true, size = 1.5e3 });
        return saga;
    }

    /// <summary>A child saga (itself started by a parent) whose own child saga node runs; a sibling step already succeeded.</summary>
    private static SagaDriver WithChildSaga()
    {
        var graph = new SagaBuilder("onboarding")
            .Step<NoopStep>("account", n => n.WithUndo<NoopUndo>())
            .ChildSaga("kyc", "kyc-check", n => n.After("account").InputFrom("account"))
            .Build();
        var saga = new SagaDriver(graph, "onboarding-1");
        saga.Start(new { customer = "c-42" }, parentId: "signup-7", parentNode: "onboard");
        saga.Complete("account", new { accountId = "acc-1" });
        return saga;
    }
}
