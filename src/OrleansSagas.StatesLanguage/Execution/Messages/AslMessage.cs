namespace OrleansSagas.StatesLanguage.Execution.Messages;

/// <summary>Something that happened outside the interpreter and that it must decide about.</summary>
public abstract record AslMessage;
