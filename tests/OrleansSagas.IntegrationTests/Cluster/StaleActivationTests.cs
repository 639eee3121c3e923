using Orleans.Storage;
using OrleansSagas.Client;
using OrleansSagas.Engine;
using OrleansSagas.Grains;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.IntegrationTests.SiloProcesses;

namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>
/// Two activations of one saga racing (S10): a second writer bumps the stored state's ETag behind the back of the
/// active saga, as another activation would; the saga's next decision is rejected by storage, runs nothing, and the
/// saga reloads and carries on.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class StaleActivationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_decision_of_an_activation_whose_state_another_writer_replaced_is_rejected_and_runs_nothing(string database)
    {
        await using var cluster = database == "Sqlite"
            ? await StorageTestCluster.StartSqliteAsync(silos: 1)
            : await StorageTestCluster.StartPostgreSqlAsync("stale", silos: 1);
        const string id = "stale-1";
        await cluster.Client.StartAsync(ClusterSagas.Approval, new ClusterTrip("ada"), id);
        await Eventually.True(async () => (await cluster.Client.DescribeAsync(id)).Steps.Single(s => s.Name == "approved").Status == StepStatus.Running,
            "the saga waits for its approval", Deadline);

        // The second writer: the same state written again through the silo's grain storage, which moves the ETag on.
        var storage = StorageTestCluster.GrainStorageOf(cluster.Cluster.Primary!);
        var grainId = cluster.Cluster.Client.GetGrain<ISagaGrain>(id).GetGrainId();
        var stored = new GrainState<SagaGrainState>();
        await storage.ReadStateAsync("saga", grainId, stored);
        var staleETag = stored.ETag;
        await storage.WriteStateAsync("saga", grainId, stored);
        Assert.NotEqual(staleETag, stored.ETag);

        // The active saga still holds the old ETag: its decision on the signal is refused and nothing of it runs.
        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Client.SignalAsync(id, ClusterSagas.ApproveSignal, SagaJson.Parse("{}")));
        Assert.Equal(0, cluster.Invocations.Count(id, "charge"));
        Assert.DoesNotContain(await cluster.Client.GetHistoryAsync(id), e => e.Type == "SignalConsumed");
        var reloaded = new GrainState<SagaGrainState>();
        await storage.ReadStateAsync("saga", grainId, reloaded);
        Assert.Equal(stored.ETag, reloaded.ETag);

        // The next call reaches a fresh activation that loads the stored state; the signal sent again takes effect once.
        Assert.Equal(SagaStatus.Running, (await cluster.Client.DescribeAsync(id)).Status);
        await cluster.Client.SignalAsync(id, ClusterSagas.ApproveSignal, SagaJson.Parse("{}"));
        var saga = await cluster.Client.WaitAsync(id, Deadline);

        Assert.Equal(SagaStatus.Succeeded, saga.Status);
        Assert.Equal(1, cluster.Invocations.Count(id, "reserve"));
        Assert.Equal(1, cluster.Invocations.Count(id, "charge"));
        var history = await cluster.Client.GetHistoryAsync(id);
        Assert.Empty(SagaHistoryChecks.Problems(id, history));
        Assert.Single(history, e => e.Type == "SignalConsumed");
    }
}
