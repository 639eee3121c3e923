namespace OrleansSagas.Hosting;

/// <summary>Settings of a node's saga runtime. Every default suits a single node; validated at start.</summary>
public sealed class SagaRuntimeOptions
{
    /// <summary>This node's name, unique in the cluster. Default: machine name, process id and a random suffix.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>This node's HTTP address as other nodes reach it (for forwarding). Default empty (single node).</summary>
    public string Address { get; set; } = "";

    /// <summary>How many partitions saga ids hash to; fixed for the life of a cluster. Default 64.</summary>
    public int PartitionCount { get; set; } = 64;

    /// <summary>An activation with no messages and nothing in flight for this long is dropped from memory. Default 2 minutes.</summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The largest input, signal payload or step output accepted, in bytes. Default 256 KiB (as Step Functions).</summary>
    public int PayloadLimitBytes { get; set; } = 256 * 1024;

    /// <summary>How often the durable timer index is scanned for timers coming due. Default 5 seconds.</summary>
    public TimeSpan TimerScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks every setting and names the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeName)) throw new ArgumentException("Sagas:NodeName must not be empty.", nameof(NodeName));
        if (PartitionCount is < 1 or > 4096) throw new ArgumentException($"Sagas:PartitionCount must be between 1 and 4096 (was {PartitionCount}).", nameof(PartitionCount));
        if (IdleDeactivation <= TimeSpan.Zero) throw new ArgumentException("Sagas:IdleDeactivation must be positive.", nameof(IdleDeactivation));
        if (PayloadLimitBytes < 1024) throw new ArgumentException($"Sagas:PayloadLimitBytes must be at least 1024 (was {PayloadLimitBytes}).", nameof(PayloadLimitBytes));
        if (TimerScanInterval <= TimeSpan.Zero) throw new ArgumentException("Sagas:TimerScanInterval must be positive.", nameof(TimerScanInterval));
    }
}
