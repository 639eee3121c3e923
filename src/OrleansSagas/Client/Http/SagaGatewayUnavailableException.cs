namespace OrleansSagas.Client.Http;

/// <summary>
/// No gateway could serve a call: every attempt failed with a connection error, a timeout or a server error
/// after the retries <see cref="SagaClientOptions"/> allow.
/// </summary>
public sealed class SagaGatewayUnavailableException : SagaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the gateways tried.</param>
    /// <param name="inner">The last failure.</param>
    public SagaGatewayUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
