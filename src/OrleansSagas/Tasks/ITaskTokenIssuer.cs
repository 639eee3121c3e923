namespace OrleansSagas.Tasks;

/// <summary>
/// Signs task tokens for the attempts of a silo's sagas; state machines use it for <c>$$.Task.Token</c>. Registered by the
/// saga runtime on every silo.
/// </summary>
public interface ITaskTokenIssuer
{
    /// <summary>The token of attempt <paramref name="attempt"/> of <paramref name="node"/> in saga <paramref name="sagaId"/>; the same every time for the same attempt and key.</summary>
    string Issue(string sagaId, string node, int attempt);
}
