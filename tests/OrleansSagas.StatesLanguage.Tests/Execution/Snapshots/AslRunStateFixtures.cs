using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansSagas.Definitions;
using OrleansSagas.Engine.Messages;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.StatesLanguage.Tests.Execution.Snapshots;

/// <summary>The representative run states behind the committed snapshot fixtures (Fixtures/*.json).</summary>
internal static class AslRunStateFixtures
{
    public static readonly string[] Names = ["map-in-flight", "parallel-waiting", "nested-succeeded"];

    public static AslRunState Generate(string name) => name switch
    {
        "map-in-flight" => MapInFlight(),
        "parallel-waiting" => ParallelWaiting(),
        "nested-succeeded" => NestedSucceeded(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown fixture"),
    };

    /// <summary>Fixtures are stored indented (LF) so a change of shape reads well in a diff.</summary>
    public static string Indent(string json) => Write(json, indented: true) + "\n";

    public static string Compact(string json) => Write(json, indented: false);

    private static string Write(string json, bool indented)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Orders: three Map iterations run (MaxConcurrency 3): one waits for its retry after a transient failure, one
    /// waits in its Wait state, one still has its Task (with timeout and heartbeat timers) in flight.
    /// </summary>
    private static AslRunState MapInFlight()
    {
        var run = Start("orders", SnapshotMachines.Orders, """{"customer":"c-1"}""");
        var tasks = Pending(run);
        run.Now = run.Now.AddSeconds(1);
        run.Send(new StepFailed(tasks[0], 1, new SagaError("Transient", "price service busy")));
        run.Send(new StepCompleted(tasks[1], 1, JsonSerializer.SerializeToElement(new { Resource = "handler:price", Attempt = 1, price = 12.5 })));
        return run.State;
    }

    /// <summary>Busy: after its Wait, the Parallel runs a Task branch and a Wait branch; variables and a UUID are set.</summary>
    private static AslRunState ParallelWaiting()
    {
        var run = Start("busy", SnapshotMachines.Busy, "{}");
        run.Now = run.Now.AddSeconds(5);
        run.Send(new TimerFired(run.State.Execution.PendingTimers.Keys.Single()));
        return run.State;
    }

    /// <summary>Nested: every task succeeded, the Map inside the Parallel collected its results, the execution has its output.</summary>
    private static AslRunState NestedSucceeded()
    {
        var run = Start("nested", SnapshotMachines.Nested, """{"items":[1,2]}""");
        foreach (var task in Pending(run)) run.Send(new StepCompleted(task, 1, JsonSerializer.SerializeToElement(new { done = task })));
        run.Now = run.Now.AddSeconds(3);
        run.Send(new TimerFired(run.State.Execution.PendingTimers.Keys.Single()));
        foreach (var task in Pending(run)) run.Send(new StepCompleted(task, 1, JsonSerializer.SerializeToElement(new { called = true })));
        return run.State;
    }

    private static AslRunDriver Start(string name, string definition, string input)
    {
        var run = new AslRunDriver(SnapshotMachines.Definition(name, definition), new Random(0));
        run.Send(new StartSaga($"{name}-1", name, 1, JsonDocument.Parse(input).RootElement.Clone()));
        return run;
    }

    private static string[] Pending(AslRunDriver run) => [.. run.State.ScheduledTasks.Keys.Order(StringComparer.Ordinal)];
}
