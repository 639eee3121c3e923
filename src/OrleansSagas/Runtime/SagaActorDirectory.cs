using System.Collections.Concurrent;

namespace OrleansSagas.Runtime;

/// <summary>The activations of this node: at most one per saga id, created on demand, dropped when idle or when their partition is lost.</summary>
internal sealed class SagaActorDirectory
{
    private readonly ConcurrentDictionary<string, SagaActor> _actors = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Count => _actors.Count;

    public SagaActor GetOrActivate(string id, Func<string, SagaActor> activate)
    {
        lock (_gate)
            return _actors.GetOrAdd(id, activate);
    }

    public void Drop(SagaActor actor)
    {
        lock (_gate)
        {
            actor.TryClose(onlyIfIdle: false);
            _actors.TryRemove(new KeyValuePair<string, SagaActor>(actor.Id, actor));
        }
    }

    /// <summary>Drops activations idle since before <paramref name="idleSince"/>.</summary>
    public int DeactivateIdle(DateTimeOffset idleSince)
    {
        var dropped = 0;
        foreach (var actor in _actors.Values)
        {
            if (actor.LastActive > idleSince || !actor.IsIdle) continue;
            lock (_gate)
            {
                if (!actor.TryClose(onlyIfIdle: true)) continue;
                _actors.TryRemove(new KeyValuePair<string, SagaActor>(actor.Id, actor));
                dropped++;
            }
        }
        return dropped;
    }

    /// <summary>Drops every activation of a partition at once (its lease was lost).</summary>
    public void DropPartition(int partition)
    {
        foreach (var actor in _actors.Values.Where(a => a.Partition == partition)) Drop(actor);
    }

    public void DropAll()
    {
        foreach (var actor in _actors.Values) Drop(actor);
    }
}
