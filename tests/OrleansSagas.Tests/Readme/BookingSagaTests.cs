using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansSagas.Client;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Hosting;
using OrleansSagas.Storage.InMemory;
using OrleansSagas.Testing.Faults;
using OrleansSagas.Testing.Hosting;

// The README shows this file (without the namespace line) as the complete TestCluster example.
namespace OrleansSagas.Tests.Readme;

public sealed record Booking(string Customer);
public sealed record Confirmation(string Key);

public sealed class Reserve : ISagaStep<Booking, Confirmation>
{
    public Task<Confirmation> ExecuteAsync(Booking input, StepContext context) => Task.FromResult(new Confirmation(context.IdempotencyKey));
}

public sealed class Release : ISagaUndo<Booking, Confirmation>
{
    public Task UndoAsync(Booking input, Confirmation output, StepContext context) => Task.CompletedTask;
}

public sealed class BookingSagaTests
{
    private static readonly SagaGraph Booking = new SagaBuilder("booking")
        .Step<Reserve>("reserve", n => n.WithUndo<Release>())
        .Delay("cooling-off", TimeSpan.FromHours(1), n => n.After("reserve"))
        .Step<Reserve>("confirm", n => n.After("cooling-off"))
        .Build();

    [Fact]
    public async Task The_booking_waits_an_hour_of_fake_time_then_unwinds_when_confirm_fails()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));
        var faults = new SagaFaults();
        var builder = new TestClusterBuilder(2).AddSagas(silo => silo
            .UseSagasInMemory(new InMemorySagaStorage())
            .UseSagaFakeTime(time)
            .UseSagaFaults(faults)
            .AddOrleansSagas(sagas => sagas.AddSaga(Booking)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            ISagaClient client = cluster.SagaClient();
            faults.FailStep("confirm");                       // the confirmation fails for good (no retrier)
            var started = await client.StartAsync("booking", SagaJson.ToElement(new Booking("ada")), "b-1");
            Assert.True(started.Created);

            // Await (with a deadline) the saga sitting in its durable wait, then let the hour pass: it fires at once.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await client.DescribeAsync("b-1")).Steps.Single(s => s.Name == "cooling-off").Status != StepStatus.Running)
            {
                Assert.True(DateTime.UtcNow < deadline, "the saga did not reach its wait");
                await Task.Delay(20);
            }
            time.Advance(TimeSpan.FromHours(1));
            var saga = await client.WaitAsync("b-1", TimeSpan.FromSeconds(30));

            Assert.Equal(SagaStatus.Compensated, saga.Status);
            Assert.Equal(SagaFaults.InjectedError, saga.Error?.Error);
            Assert.Equal(1, faults.RunCount("b-1", "reserve", undo: true));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
