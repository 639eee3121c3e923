namespace OrleansSagas.Client;

/// <summary>Typed conveniences over <see cref="ISagaClient"/>.</summary>
public static class SagaClientExtensions
{
    /// <summary>Starts a saga with a typed input and returns its handle.</summary>
    public static async Task<SagaHandle> StartAsync<TInput>(this ISagaClient client, string definition, TInput input, string? id = null, CancellationToken cancellationToken = default)
    {
        var result = await client.StartAsync(definition, SagaJson.ToElement(input), id, cancellationToken).ConfigureAwait(false);
        return client.GetHandle(result.Saga.Id);
    }
}
