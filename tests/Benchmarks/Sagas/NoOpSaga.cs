using System.Text.Json.Serialization;
using OrleansSagas.Definitions;

namespace OrleansSagas.Benchmarks.Sagas;

/// <summary>The peers' 3-step saga: three sequential no-op steps, each returning {"ok":true,"step":n}; the saga returns step 3's output.</summary>
internal static class NoOpSaga
{
    public const string Name = "noop-3";

    public static SagaGraph Graph { get; } = new SagaBuilder(Name)
        .Step<Step1>("step1")
        .Step<Step2>("step2", n => n.After("step1"))
        .Step<Step3>("step3", n => n.After("step2"))
        .OutputFrom("step3")
        .Build();

    internal sealed record Input([property: JsonPropertyName("n")] int N);

    internal sealed record StepResult([property: JsonPropertyName("ok")] bool Ok, [property: JsonPropertyName("step")] int Step);

    internal sealed class Step1 : ISagaStep<Input, StepResult>
    {
        public Task<StepResult> ExecuteAsync(Input input, StepContext context) => Task.FromResult(new StepResult(true, 1));
    }

    internal sealed class Step2 : ISagaStep<Input, StepResult>
    {
        public Task<StepResult> ExecuteAsync(Input input, StepContext context) => Task.FromResult(new StepResult(true, 2));
    }

    internal sealed class Step3 : ISagaStep<Input, StepResult>
    {
        public Task<StepResult> ExecuteAsync(Input input, StepContext context) => Task.FromResult(new StepResult(true, 3));
    }
}
