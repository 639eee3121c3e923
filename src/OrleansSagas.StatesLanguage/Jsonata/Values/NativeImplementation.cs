using OrleansSagas.StatesLanguage.Jsonata.Evaluation;

namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>The implementation of a built-in function.</summary>
internal delegate object? NativeImplementation(CallContext context, object?[] args);
