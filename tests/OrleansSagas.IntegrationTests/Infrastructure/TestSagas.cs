using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansSagas.Definitions;
using OrleansSagas.Hosting;

namespace OrleansSagas.IntegrationTests.Infrastructure;

/// <summary>Sagas only the tests register: one whose undo fails on demand (to get a stuck saga), one that finishes at once.</summary>
public static class TestSagas
{
    public const string FlakyUndo = "flaky-undo";
    public const string Instant = "instant";

    public static OrleansSagasBuilder AddTestSagas(this OrleansSagasBuilder sagas)
    {
        sagas.Services.AddSingleton<UndoSwitch>();
        return sagas
            .AddSaga(new SagaBuilder(FlakyUndo)
                .Step<Reserve>("reserve", n => n.WithUndo<Release>())
                .Step<Charge>("charge", n => n.After("reserve"))
                .Build())
            .AddSaga(new SagaBuilder(Instant).Constant("value", 42).Build());
    }

    /// <summary>While <see cref="Failing"/> is true, the release undo fails.</summary>
    public sealed class UndoSwitch
    {
        public volatile bool Failing = true;
    }

    public sealed class Reserve : ISagaStep<JsonElement, string>
    {
        public Task<string> ExecuteAsync(JsonElement input, StepContext context) => Task.FromResult("reservation-" + context.SagaId);
    }

    public sealed class Release(UndoSwitch undo) : ISagaUndo<JsonElement, string>
    {
        public Task UndoAsync(JsonElement input, string actionOutput, StepContext context) =>
            undo.Failing ? throw new StepFailedException("ReleaseFailed", $"Cannot release {actionOutput}.") : Task.CompletedTask;
    }

    public sealed class Charge : ISagaStep<JsonElement, string>
    {
        public Task<string> ExecuteAsync(JsonElement input, StepContext context) => throw new StepFailedException("CardDeclined", "The card was declined.");
    }
}
