namespace OrleansSagas.Client;

/// <summary>The base of every error the saga client and runtime report to callers.</summary>
[GenerateSerializer]
public class SagaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SagaException(string message, Exception? inner = null) : base(message, inner) { }
}
