using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSagas.Worker;

namespace OrleansSagas.WorkerSample;

/// <summary>
/// A worker process for the activities <c>charge-card</c> and <c>refund-card</c>. Settings (command line
/// <c>--Worker:Name w1</c>, or environment <c>Worker__Name=w1</c>): <c>Worker:ServerUrl</c> (default
/// http://127.0.0.1:5080), <c>Worker:Name</c> (default machine name and process id), <c>Worker:Concurrency</c> (tasks of
/// each activity at once, default 4), <c>Worker:HeartbeatSeconds</c> (default 10), <c>Worker:PollWaitSeconds</c>
/// (default 60), <c>Worker:ShutdownGraceSeconds</c> (default 10).
/// </summary>
public static class WorkerApp
{
    /// <summary>Builds the worker host from command-line arguments and the usual configuration sources.</summary>
    public static IHost Create(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var config = builder.Configuration.GetSection("Worker");
        var serverUrl = new Uri(config["ServerUrl"] ?? "http://127.0.0.1:5080");
        var name = config["Name"] is { Length: > 0 } n ? n : $"{Environment.MachineName}-{Environment.ProcessId}";
        var concurrency = config.GetValue("Concurrency", 4);
        var heartbeat = TimeSpan.FromSeconds(config.GetValue("HeartbeatSeconds", 10.0));
        var pollWait = config.GetValue("PollWaitSeconds", 60);
        var grace = TimeSpan.FromSeconds(config.GetValue("ShutdownGraceSeconds", 10.0));

        builder.Services.AddOrleansSagasWorker(o =>
            {
                o.ServerUrl = serverUrl;
                o.WorkerName = name;
                o.ShutdownGracePeriod = grace;
            })
            .AddActivity<ChargeCardHandler>("charge-card", Activity)
            .AddActivity<RefundCardHandler>("refund-card", Activity);
        // The host must wait for the grace period and the last reports before it gives up on the worker.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = grace + TimeSpan.FromSeconds(20));

        var host = builder.Build();
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worker {name} ready (server {serverUrl}, concurrency {concurrency})")));
        return host;

        void Activity(ActivityOptions a)
        {
            a.MaxConcurrency = concurrency;
            a.HeartbeatInterval = heartbeat;
            a.PollWaitSeconds = pollWait;
        }
    }
}
