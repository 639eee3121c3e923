using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansSagas.Definitions;
using OrleansSagas.Hosting;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>
/// Sagas of the in-process cluster tests. Their steps record the silo they ran on in <see cref="StepInvocations"/>,
/// so a test can tell which sagas lived on a silo it killed and check that no step ran more often than the crash explains.
/// </summary>
public static class ClusterSagas
{
    /// <summary>pay → a durable wait of input.waitSeconds → notify.</summary>
    public const string Trip = "cluster-trip";

    /// <summary>reserve → wait for the signal "approve" → charge.</summary>
    public const string Approval = "cluster-approval";

    /// <summary>pay → a one-hour durable wait → notify.</summary>
    public const string HourWait = "cluster-hour-wait";

    public const string ApproveSignal = "approve";

    /// <summary>One step "call" run by workers of <see cref="FragileActivity"/>.</summary>
    public const string Fragile = "cluster-fragile";

    /// <summary>An activity the cluster hands out at most <see cref="FragileLimit"/> tasks of at once.</summary>
    public const string FragileActivity = "fragile-service";

    public const int FragileLimit = 3;

    public static OrleansSagasBuilder AddClusterSagas(this OrleansSagasBuilder sagas, StepInvocations invocations)
    {
        sagas.Services.AddSingleton(invocations);
        return sagas
            .AddActivity(FragileActivity, a => a.MaxConcurrency = FragileLimit)
            .AddSaga(new SagaBuilder(Fragile).Activity("call", FragileActivity).Build())
            .AddSaga(new SagaBuilder(Trip)
                .Step<RecordedStep>("pay", n => n.WithUndo<RecordedUndo>())
                .DelayFromInput("wait", "waitSeconds", n => n.After("pay"))
                .Step<RecordedStep>("notify", n => n.After("wait"))
                .Build())
            .AddSaga(new SagaBuilder(Approval)
                .Step<RecordedStep>("reserve", n => n.WithUndo<RecordedUndo>())
                .WaitForSignal("approved", ApproveSignal, configure: n => n.After("reserve"))
                .Step<RecordedStep>("charge", n => n.After("approved"))
                .Build())
            .AddSaga(new SagaBuilder(HourWait)
                .Step<RecordedStep>("pay")
                .Delay("hour", TimeSpan.FromHours(1), n => n.After("pay"))
                .Step<RecordedStep>("notify", n => n.After("hour"))
                .Build());
    }

    internal sealed class RecordedStep(StepInvocations invocations, ILocalSiloDetails silo) : ISagaStep<ClusterTrip, string>
    {
        public Task<string> ExecuteAsync(ClusterTrip input, StepContext context)
        {
            invocations.Add(silo.SiloAddress.ToString(), context);
            return Task.FromResult($"{context.StepName} for {input.Customer}");
        }
    }

    internal sealed class RecordedUndo(StepInvocations invocations, ILocalSiloDetails silo) : ISagaUndo<ClusterTrip, string>
    {
        public Task UndoAsync(ClusterTrip input, string actionOutput, StepContext context)
        {
            invocations.Add(silo.SiloAddress.ToString(), context);
            return Task.CompletedTask;
        }
    }
}
