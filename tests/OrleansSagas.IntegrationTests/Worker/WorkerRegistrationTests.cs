using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansSagas.Worker;

namespace OrleansSagas.IntegrationTests.Worker;

/// <summary>Bad worker settings fail at registration or when the host starts, naming the setting.</summary>
public sealed class WorkerRegistrationTests
{
    private sealed class NotAHandler;

    [Fact]
    public void A_handler_type_without_IActivityHandler_is_refused()
    {
        var worker = new ServiceCollection().AddOrleansSagasWorker(o => o.ServerUrl = new Uri("http://127.0.0.1:1"));
        var e = Assert.Throws<ArgumentException>(() => worker.AddActivity<NotAHandler>("charge-card"));
        Assert.Contains("IActivityHandler", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_activity_name_twice_is_refused()
    {
        var services = new ServiceCollection();
        services.AddOrleansSagasWorker(o => o.ServerUrl = new Uri("http://127.0.0.1:1")).AddActivity<ProbeHandler>("charge-card");
        var e = Assert.Throws<ArgumentException>(() => services.AddOrleansSagasWorker(_ => { }).AddActivity<ProbeHandler>("charge-card"));
        Assert.Contains("charge-card", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 60, 10, "MaxConcurrency")]
    [InlineData(1, 301, 10, "PollWaitSeconds")]
    [InlineData(1, -1, 10, "PollWaitSeconds")]
    [InlineData(1, 60, 0, "HeartbeatInterval")]
    public void Activity_settings_out_of_range_are_refused_by_name(int concurrency, int pollWait, int heartbeatSeconds, string setting)
    {
        var worker = new ServiceCollection().AddOrleansSagasWorker(o => o.ServerUrl = new Uri("http://127.0.0.1:1"));
        var e = Assert.Throws<ArgumentException>(() => worker.AddActivity<ProbeHandler>("charge-card", a =>
            (a.MaxConcurrency, a.PollWaitSeconds, a.HeartbeatInterval) = (concurrency, pollWait, TimeSpan.FromSeconds(heartbeatSeconds))));
        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_too_long_activity_names_are_refused()
    {
        var worker = new ServiceCollection().AddOrleansSagasWorker(o => o.ServerUrl = new Uri("http://127.0.0.1:1"));
        Assert.Throws<ArgumentException>(() => worker.AddActivity<ProbeHandler>(" "));
        Assert.Throws<ArgumentException>(() => worker.AddActivity<ProbeHandler>(new string('a', 81)));
    }

    [Theory]
    [InlineData(null, "ServerUrl")]
    [InlineData("ftp://127.0.0.1/", "ServerUrl")]
    public async Task A_host_without_a_valid_server_url_fails_to_start(string? url, string setting)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Services.AddOrleansSagasWorker(o => o.ServerUrl = url is null ? null : new Uri(url)).AddActivity<ProbeHandler>("charge-card");
        builder.Services.AddSingleton(new Probe());
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_can_be_called_in_a_unit_test_with_its_own_context()
    {
        var beats = 0;
        var context = new ActivityContext("t1", "charge-card", "test", CancellationToken.None, _ =>
        {
            beats++;
            return Task.CompletedTask;
        });

        var output = await new ProbeHandler(new Probe()).HandleAsync(new ProbeInput(5, "echo"), context);
        await context.HeartbeatAsync();

        Assert.Equal(new ProbeOutput(5, "test", "charge-card", "t1"), output);
        Assert.Equal(1, beats);
    }
}
