using System.Net.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansSagas.Worker.Internal;

/// <summary>
/// The worker's hosted service: one poll loop per activity while the host runs; on stop, no more polls, running handlers
/// get the grace period to finish, then the rest are cancelled and failed with <see cref="SagaWorkerOptions.ShutdownError"/>.
/// </summary>
internal sealed class SagaWorkerService : BackgroundService
{
    // Cancelled when the host stops waiting for this service: results not reported by then are given up.
    private readonly CancellationTokenSource _abort = new();
    private readonly SagaWorkerOptions _options;
    private readonly IReadOnlyList<ActivityPoller> _pollers;
    private readonly TimeProvider _time;
    private readonly WorkerLog _log;

    public SagaWorkerService(IEnumerable<ActivityRegistration> activities, IOptions<SagaWorkerOptions> options, IHttpClientFactory http,
        IServiceProvider services, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options.Value;
        _time = time;
        _log = new WorkerLog(loggers.CreateLogger("OrleansSagas.Worker"));
        var api = new WorkerHttpApi(() => http.CreateClient(SagaWorkerServiceCollectionExtensions.HttpClientName), _options, time, _log);
        _pollers = [.. activities.Select(a => new ActivityPoller(a, _options, api, services, time, _log))];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_pollers.Count == 0)
        {
            _log.NoActivities(_options.WorkerName);
            return;
        }
        await Task.WhenAll(_pollers.Select(p => Task.Run(() => p.PollAsync(stoppingToken, _abort.Token), CancellationToken.None))).ConfigureAwait(false);

        var running = _pollers.SelectMany(p => p.Running).ToList();
        _log.Stopping(_options.WorkerName, _options.ShutdownGracePeriod, running.Count);
        if (running.Count == 0) return;
        var done = Task.WhenAll(running.Select(r => r.Done));
        try
        {
            await done.WaitAsync(_options.ShutdownGracePeriod, _time, _abort.Token).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
            // Some handlers outlive the grace period: cancel and fail them below.
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Task.WhenAll(_pollers.Select(p => p.AbandonRunningAsync(_abort.Token))).ConfigureAwait(false);
        try
        {
            await done.WaitAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host stopped waiting.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }
}
