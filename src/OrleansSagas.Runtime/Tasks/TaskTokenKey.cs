namespace OrleansSagas.Tasks;

/// <summary>One of the cluster's token keys: 32 random bytes, kept in grain storage by the keyring grain.</summary>
[GenerateSerializer, Immutable]
internal sealed record TaskTokenKey([property: Id(0)] int Id, [property: Id(1)] byte[] Secret, [property: Id(2)] DateTimeOffset CreatedAt);
