using Microsoft.Extensions.Options;
using OrleansSagas.Server;
using OrleansSagas.Silo.Samples;

// One saga node: SQLite storage by default, the HTTP API on http://127.0.0.1:5080, the sample sagas.
// Every setting comes from appsettings.json, environment variables (Sagas__Storage=…) or the command line (--Sagas:Storage …).
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");
    builder.AddOrleansSagasNode(sagas => sagas.AddSampleSagas(builder.Configuration));

    var app = builder.Build();
    app.MapOrleansSagasApi();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is SagaConfigurationException or OptionsValidationException)
{
    Console.Error.WriteLine($"Invalid configuration: {e.Message}");
    return 2;
}
