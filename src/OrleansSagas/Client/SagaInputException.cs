namespace OrleansSagas.Client;

/// <summary>A request was rejected because a field is missing, malformed or too large.</summary>
[GenerateSerializer]
public sealed class SagaInputException : SagaException
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public SagaInputException(string field, string message, bool tooLarge = false) : base(message)
    {
        Field = field;
        TooLarge = tooLarge;
    }

    /// <summary>The offending field, e.g. "input" or "id".</summary>
    [Id(0)]
    public string Field { get; }

    /// <summary>True when the field exceeds the payload limit.</summary>
    [Id(1)]
    public bool TooLarge { get; }
}
