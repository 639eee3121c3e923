using Microsoft.Extensions.Logging;
using OrleansSagas.Client;
using OrleansSagas.Definitions;
using OrleansSagas.Engine;
using OrleansSagas.Engine.Commands;
using OrleansSagas.Engine.Messages;

namespace OrleansSagas.Grains;

/// <summary>Child sagas and the end of a saga. Parent and child never await each other inside a turn: every call between them runs in the background.</summary>
internal sealed partial class SagaGrain
{
    private void StartChild(StartChild child)
    {
        var parent = GrainFactory.GetGrain<ISagaControlGrain>(Id);
        var request = new SagaStartRequest(child.Definition, null, child.Input, Id, child.Node);
        var grains = GrainFactory;
        Background(() => OffTurn.StartChildAsync(grains, parent, child, request));
    }

    private void CompensateChild(CompensateChild child)
    {
        var parent = GrainFactory.GetGrain<ISagaControlGrain>(Id);
        var reason = $"Parent saga '{Id}' is unwinding.";
        var grains = GrainFactory;
        Background(() => OffTurn.CompensateChildAsync(grains, parent, child, reason));
    }

    /// <summary>
    /// Wakes waiters, tells the parent, and once the catalog holds the outcome removes the reminder. Until then the
    /// reminder stays, so a crash in between only repeats this on the next activation.
    /// </summary>
    private async Task FinishAsync(NotifyFinished finished)
    {
        foreach (var waiter in _waiters.ToList()) waiter.TrySetResult();
        try
        {
            if (View is { ParentId: { } parentId, ParentNode: { } parentNode })
            {
                var message = new ChildCompleted(parentNode, Id, finished.Status, finished.Output, finished.Error);
                var parent = GrainFactory.GetGrain<ISagaControlGrain>(parentId);
                await OffTurn.Retrying(() => parent.DeliverAsync(message)).ConfigureAwait(true);
            }
            await RemoveReminderOnceCatalogedAsync().ConfigureAwait(true);
        }
        catch (Exception e)
        {
            LogFinishFailed(Id, e.Message);
        }
    }

    private void Background(Func<Task> work)
    {
        var id = Id;
        var logger = _logger;
        _ = Task.Run(() => OffTurn.BackgroundAsync(id, work, logger));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saga {SagaId}: finishing failed ({Reason}); its reminder repeats it.")]
    private partial void LogFinishFailed(string sagaId, string reason);

}
