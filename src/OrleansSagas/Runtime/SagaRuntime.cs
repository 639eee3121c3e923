using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSagas.Client;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;
using OrleansSagas.Hosting;
using OrleansSagas.Storage;

namespace OrleansSagas.Runtime;

/// <summary>
/// A node's saga runtime: routes calls to saga activations (one per instance, created on demand), fires
/// durable timers and resumes running sagas of the partitions it owns. The in-process client and the HTTP
/// API both call it.
/// </summary>
public sealed partial class SagaRuntime : IAsyncDisposable
{
    private ITimer? _idleSweep;

    /// <summary>Creates the runtime; the hosted service starts it.</summary>
    public SagaRuntime(ISagaStorage storage, SagaDefinitionRegistry definitions, IPartitionOwnership ownership,
        IOptions<SagaRuntimeOptions> options, TimeProvider time, IServiceProvider services, ILogger<SagaRuntime> logger)
    {
        options.Value.Validate();
        Storage = storage;
        Definitions = definitions;
        Ownership = ownership;
        Options = options.Value;
        Time = time;
        Services = services;
        Log = new RuntimeLog(logger);
        Directory = new SagaActorDirectory();
        Timers = new TimerScheduler(this);
        Ownership.PartitionAcquired += p => Background(() => ResumePartitionAsync(p));
        Ownership.PartitionLost += p =>
        {
            Directory.DropPartition(p);
            Timers.ForgetPartition(p);
        };
    }

    /// <summary>The storage provider.</summary>
    public ISagaStorage Storage { get; }

    /// <summary>The definitions this node can run.</summary>
    public SagaDefinitionRegistry Definitions { get; }

    /// <summary>Which partitions this node owns.</summary>
    public IPartitionOwnership Ownership { get; }

    /// <summary>The runtime settings.</summary>
    public SagaRuntimeOptions Options { get; }

    /// <summary>The clock of sagas (timers, timestamps).</summary>
    public TimeProvider Time { get; }

    internal IServiceProvider Services { get; }
    internal RuntimeLog Log { get; }
    internal SagaActorDirectory Directory { get; }
    internal TimerScheduler Timers { get; }

    /// <summary>The number of saga activations in memory.</summary>
    public int ActivationCount => Directory.Count;

    /// <summary>Acquires partitions, starts the timer scan and resumes running sagas.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        Timers.Start();
        await Ownership.StartAsync(cancellationToken).ConfigureAwait(false);
        var sweep = Options.IdleDeactivation / 2;
        _idleSweep = Time.CreateTimer(_ => Directory.DeactivateIdle(Time.GetUtcNow() - Options.IdleDeactivation), null, sweep, sweep);
        Log.Started(Options.NodeName, Ownership.OwnedPartitions.Count);
    }

    /// <summary>Stops accepting work, drops activations and releases partitions.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _idleSweep?.Dispose();
        Timers.Dispose();
        Directory.DropAll();
        await Ownership.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partition of a saga id.</summary>
    public int PartitionOf(string sagaId) => Partitioner.PartitionOf(sagaId, Options.PartitionCount);

    /// <summary>True when this node owns the saga's partition now.</summary>
    public bool Owns(string sagaId) => Ownership.EpochOf(PartitionOf(sagaId)) is not null;

    private async Task ResumePartitionAsync(int partition)
    {
        var running = await WithStoreRetry(ct => Storage.Sagas.ListRunningAsync([partition], ct), CancellationToken.None).ConfigureAwait(false);
        if (running.Count > 0) Log.Resuming(running.Count, partition);
        foreach (var id in running)
            Background(() => Post(id, actor => actor.EnsureLoadedAsync()));
        Timers.RequestScan();
    }

    /// <summary>Runs <paramref name="work"/> in a turn of the saga's activation, activating it if needed.</summary>
    internal Task Post(string sagaId, Func<SagaActor, Task> work) => Call(sagaId, async a =>
    {
        await work(a).ConfigureAwait(false);
        return true;
    });

    /// <summary>Runs <paramref name="work"/> in a turn of the saga's activation and returns its result.</summary>
    internal Task<T> Call<T>(string sagaId, Func<SagaActor, Task<T>> work)
    {
        var partition = PartitionOf(sagaId);
        if (Ownership.EpochOf(partition) is null) throw new SagaNotOwnedException(sagaId, partition);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            var actor = Directory.GetOrActivate(sagaId, id => new SagaActor(this, id, partition));
            var state = 0; // 0 queued, 1 started, 2 abandoned
            var posted = actor.TryPost(async () =>
            {
                if (Interlocked.CompareExchange(ref state, 1, 0) != 0) return;
                try
                {
                    done.TrySetResult(await work(actor).ConfigureAwait(false));
                }
                catch (OperationCanceledException) when (actor.Closed.IsCancellationRequested)
                {
                    // The activation was dropped mid-turn (partition lost, node stopping): the caller retries at the owner.
                    done.TrySetException(new SagaNotOwnedException(sagaId, partition));
                    throw;
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                    throw;
                }
            });
            if (!posted) continue;
            // A closed activation skips queued work: hand it to the next activation, or fail it if the partition is gone.
            actor.Closed.Register(() =>
            {
                if (Interlocked.CompareExchange(ref state, 2, 0) != 0) return;
                Background(async () =>
                {
                    try
                    {
                        done.TrySetResult(await Call(sagaId, work).ConfigureAwait(false));
                    }
                    catch (Exception e)
                    {
                        done.TrySetException(e);
                    }
                });
            });
            return done.Task;
        }
    }

    /// <summary>Delivers a message to a saga (used by timers, child sagas and step results).</summary>
    internal async Task DeliverAsync(string sagaId, SagaMessage message)
    {
        if (!Owns(sagaId) && RemoteDelivery is { } remote)
        {
            await remote(sagaId, message).ConfigureAwait(false);
            return;
        }
        await Call(sagaId, actor => actor.HandleAsync(message)).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers a message to a saga owned by another node (set by the cluster layer), throwing
    /// <see cref="SagaNotFoundException"/> when the saga does not exist; when null, messages for sagas this node
    /// does not own fail with <see cref="SagaNotOwnedException"/>.
    /// </summary>
    public Func<string, SagaMessage, Task>? RemoteDelivery { get; set; }

    /// <summary>
    /// Starts a saga whose partition another node owns (set by the cluster layer), with the same idempotence and
    /// conflict rules as a local start; when null, such starts fail with <see cref="SagaNotOwnedException"/>.
    /// </summary>
    public Func<StartSaga, Task<SagaStartResult>>? RemoteStart { get; set; }

    /// <summary>
    /// Runs before every attempt of an action or undo on this node; a test harness uses it to inject faults
    /// (throw to fail the attempt, await to hold it). Null in production.
    /// </summary>
    public Func<StepContext, ValueTask>? BeforeStep { get; set; }

    internal void Background(Func<Task> work) => _ = Task.Run(async () =>
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.BackgroundFailed(e);
        }
    });

    internal async Task StartChildAsync(StartChild child, string parentId)
    {
        SagaDescription saga;
        try
        {
            var definition = await Definitions.GetAsync(child.Definition, null).ConfigureAwait(false);
            saga = (await StartAsync(definition, child.ChildId, child.Input, parentId, child.Node).ConfigureAwait(false)).Saga;
        }
        catch (SagaException e)
        {
            await DeliverAsync(parentId, new ChildCompleted(child.Node, child.ChildId, SagaStatus.Failed, null,
                new SagaError(SagaErrors.ChildFailed, e.Message))).ConfigureAwait(false);
            return;
        }
        if (saga.Status.IsTerminal())
            await DeliverAsync(parentId, new ChildCompleted(child.Node, child.ChildId, saga.Status, saga.Output, saga.Error)).ConfigureAwait(false);
    }

    internal async Task CompensateChildAsync(CompensateChild child, string parentId)
    {
        await DeliverAsync(child.ChildId, new CompensateSaga($"Parent saga '{parentId}' is unwinding.")).ConfigureAwait(false);
        // A child that already finished its compensation (the parent restarted, or an operator retried) reports again.
        var saga = await DescribeAsync(child.ChildId).ConfigureAwait(false);
        if (saga.Status.IsTerminal() && saga.Status != SagaStatus.Succeeded)
            await DeliverAsync(parentId, new ChildCompleted(child.Node, child.ChildId, saga.Status, saga.Output, saga.Error)).ConfigureAwait(false);
    }

    /// <summary>Runs a store call, retrying transient failures (not conflicts) with capped exponential backoff.</summary>
    internal async Task<T> WithStoreRetry<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not StorageConflictException and not OperationCanceledException and not SagaException && attempt < 40)
            {
                Log.StoreRetry(attempt, delay, e);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    internal Task WithStoreRetry(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        WithStoreRetry(async ct =>
        {
            await call(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _idleSweep?.Dispose();
        Timers.Dispose();
        Directory.DropAll();
        return ValueTask.CompletedTask;
    }
}
