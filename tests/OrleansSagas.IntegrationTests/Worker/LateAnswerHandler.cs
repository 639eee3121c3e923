using System.Net;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>
/// Holds every poll answer that carries a task until the poll is cancelled, then delivers it anyway: the task reaches the
/// worker just as it stops, the race a real long poll can lose.
/// </summary>
public sealed class LateAnswerHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.AbsolutePath.EndsWith("/poll", StringComparison.Ordinal)) return await base.SendAsync(request, cancellationToken);
        var response = await base.SendAsync(request, CancellationToken.None);
        await response.Content.LoadIntoBufferAsync(CancellationToken.None);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The worker stopped polling: deliver the task now.
            }
        }
        return response;
    }
}
