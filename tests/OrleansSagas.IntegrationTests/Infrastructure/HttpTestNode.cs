using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSagas.Client.Http;
using OrleansSagas.Hosting;
using OrleansSagas.Server;
using OrleansSagas.Silo.Samples;

namespace OrleansSagas.IntegrationTests.Infrastructure;

/// <summary>
/// A silo hosted in the test process the way the silo project hosts it (AddOrleansSagasNode + MapOrleansSagasApi, sample
/// sagas), on a real SQLite file in a temp folder, with Kestrel bound to 127.0.0.1 on a free port and the Orleans ports free ones too.
/// </summary>
public sealed class HttpTestNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _ownedDirectory;

    private HttpTestNode(WebApplication app, Uri baseAddress, string directory, TempDirectory? ownedDirectory)
    {
        _app = app;
        _ownedDirectory = ownedDirectory;
        BaseAddress = baseAddress;
        Directory = directory;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(90) };
        Steps = new StepLog(Path.Combine(directory, "steps.log"));
    }

    public Uri BaseAddress { get; }
    public string Directory { get; }
    public HttpClient Http { get; }
    public StepLog Steps { get; }

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<HttpTestNode> StartAsync(Action<OrleansSagasBuilder>? sagas = null, IDictionary<string, string?>? settings = null, string? directory = null)
    {
        var owned = directory is null ? new TempDirectory() : null;
        var folder = directory ?? owned!.Path;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder, EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sagas:Storage"] = "Sqlite",
            ["Sagas:SqlitePath"] = Path.Combine(folder, "sagas.db"),
            ["Sagas:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sagas:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Samples:StepLogPath"] = Path.Combine(folder, "steps.log"),
            ["Samples:HoldDirectory"] = folder,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddOrleansSagasNode(b =>
        {
            b.AddSampleSagas(builder.Configuration);
            sagas?.Invoke(b);
        });
        var app = builder.Build();
        app.MapOrleansSagasApi();
        await app.StartAsync();
        return new HttpTestNode(app, new Uri(app.Urls.Single()), folder, owned);
    }

    public SagaHttpClient CreateClient(Action<SagaClientOptions>? configure = null, HttpMessageHandler? handler = null)
    {
        var options = new SagaClientOptions { Gateway = BaseAddress, RetryDelay = TimeSpan.FromMilliseconds(20) };
        configure?.Invoke(options);
        return new SagaHttpClient(new HttpClient(handler ?? new SocketsHttpHandler()), options);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonElement> StartAsync(string definition, object input, string? id = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/sagas", new { definition, id, input }, SagaJson.Options);
        Assert.True(response.IsSuccessStatusCode, $"start failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Long-polls the result endpoint until the saga is terminal.</summary>
    public async Task<JsonElement> ResultAsync(string id, int waitSeconds = 20)
    {
        var saga = await GetJsonAsync($"/api/sagas/{id}/result?waitSeconds={waitSeconds}");
        Assert.NotEqual("Running", saga.GetProperty("status").GetString());
        return saga;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
