namespace OrleansSagas.StatesLanguage.Execution.Effects;

/// <summary>Something the host must do after it has durably stored the events of a decision.</summary>
public abstract record AslEffect;
