using System.Net;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.Tasks;

namespace OrleansSagas.IntegrationTests.Activities;

/// <summary>The cluster's token keys: kept in the database across restarts, and rotated without refusing a genuine token.</summary>
public sealed class TaskTokenKeyTests
{
    [Fact]
    public async Task A_token_issued_before_a_silo_restart_still_completes_its_task_after_it()
    {
        using var folder = new TempDirectory();
        string token;
        await using (var first = await HttpTestNode.StartAsync(s => s.AddActivitySagas(), directory: folder.Path))
        {
            await first.StartAsync(ActivitySagas.Charge, new { amount = 8 }, "charge-restart");
            token = (await new WorkerApi(first).NextAsync("charge-card")).Token;
        }

        await using var second = await HttpTestNode.StartAsync(s => s.AddActivitySagas(), directory: folder.Path);
        await WorkerApi.AssertOkAsync(await new WorkerApi(second).SuccessAsync(token, new { receipt = "after-restart" }));
        Assert.Equal("Succeeded", (await second.ResultAsync("charge-restart")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task After_a_rotation_tokens_of_the_old_key_and_of_the_new_key_both_verify_and_new_tokens_use_the_new_key()
    {
        await using var node = await HttpTestNode.StartAsync(s => s.AddActivitySagas(), new Dictionary<string, string?>
        {
            ["Sagas:TaskTokenKeyPropagation"] = "00:00:00",
        });
        var worker = new WorkerApi(node);
        await node.StartAsync(ActivitySagas.Charge, new { amount = 1 }, "rotate-old");
        var old = await worker.NextAsync("charge-card");
        Assert.Equal(1, TaskTokenCodec.KeyIdOf(old.Token));

        var keys = await node.Service<IGrainFactory>().GetGrain<ITaskTokenKeyringGrain>(0).RotateAsync();
        Assert.Equal([1, 2], keys.Select(k => k.Id));
        // A token of the new key reaches this silo before it refreshed its keys: it reloads them instead of refusing it.
        await node.StartAsync(ActivitySagas.Charge, new { amount = 2 }, "rotate-new");
        var pending = await worker.NextAsync("charge-card");
        var withNewKey = TaskTokenCodec.Encode(keys[^1], TaskTokenCodec.Decode(pending.Token, id => keys.FirstOrDefault(k => k.Id == id)));
        await WorkerApi.AssertOkAsync(await worker.SuccessAsync(withNewKey, new { receipt = "new-key" }));
        await WorkerApi.AssertOkAsync(await worker.SuccessAsync(old.Token, new { receipt = "old-key" }));

        Assert.Equal("Succeeded", (await node.ResultAsync("rotate-old")).GetProperty("status").GetString());
        Assert.Equal("Succeeded", (await node.ResultAsync("rotate-new")).GetProperty("status").GetString());
        await node.StartAsync(ActivitySagas.Charge, new { amount = 3 }, "rotate-next");
        Assert.Equal(2, TaskTokenCodec.KeyIdOf((await worker.NextAsync("charge-card")).Token));
    }
}
