using OrleansSagas.Definitions;

namespace OrleansSagas.Hosting;

/// <summary>
/// Runs before every attempt of an action or undo on a silo: register one in DI to observe or inject faults (throw to
/// fail the attempt, await to hold it). OrleansSagas.Testing's fault injection is one.
/// </summary>
public interface IStepInterceptor
{
    /// <summary>Called before the handler runs, off the saga's turn.</summary>
    ValueTask BeforeStepAsync(StepContext context);
}
