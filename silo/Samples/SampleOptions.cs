namespace OrleansSagas.Silo.Samples;

/// <summary>Settings of the sample sagas (section <c>Samples</c>); both exist so tests can observe and pause steps.</summary>
public sealed class SampleOptions
{
    /// <summary>When set, every step and undo invocation appends "idempotency-key attempt" as a line to this file. Default: unset.</summary>
    public string? StepLogPath { get; set; }

    /// <summary>
    /// When set, a trip whose input names a step in <c>holdAt</c> blocks that step until a file named
    /// <c>{sagaId}.release</c> appears in this folder. Default: unset (holdAt is ignored).
    /// </summary>
    public string? HoldDirectory { get; set; }
}
