namespace OrleansSagas.Definitions;

/// <summary>A failure: a machine-readable error name and a human-readable cause.</summary>
/// <param name="Error">The error name, e.g. an exception type name or <see cref="SagaErrors.Timeout"/>.</param>
/// <param name="Cause">What happened, in words.</param>
public sealed record SagaError(string Error, string Cause);
