namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>What a built-in function sees of its caller: the evaluator, the caller's scope and context value.</summary>
internal readonly record struct CallContext(Evaluator Evaluator, Frame Environment, object? Input);
