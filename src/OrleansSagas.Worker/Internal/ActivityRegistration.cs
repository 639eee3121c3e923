namespace OrleansSagas.Worker.Internal;

/// <summary>One activity this worker runs: its name, settings and handler.</summary>
internal sealed record ActivityRegistration(string Name, ActivityOptions Options, IActivityInvoker Invoker);
