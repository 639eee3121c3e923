namespace OrleansSagas.Server;

/// <summary>A node's configuration is invalid; the message names the setting and what is wrong with it.</summary>
public sealed class SagaConfigurationException : Exception
{
    /// <summary>Creates the exception for <paramref name="setting"/>.</summary>
    /// <param name="setting">The configuration key at fault, e.g. "Sagas:Storage".</param>
    /// <param name="message">What is wrong, naming the setting.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SagaConfigurationException(string setting, string message, Exception? inner = null) : base(message, inner) => Setting = setting;

    /// <summary>The configuration key at fault.</summary>
    public string Setting { get; }
}
