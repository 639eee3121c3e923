using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using OrleansSagas.ClientSample;
using OrleansSagas.IntegrationTests.Infrastructure;
using OrleansSagas.IntegrationTests.SiloProcesses;

namespace OrleansSagas.IntegrationTests.ClientSample;

/// <summary>client-sample's app hosted in the test process, an Orleans client of the real silo process (grain calls through its gateway).</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ClientSampleTests(ClientSampleTests.SampleFixture fixture) : IClassFixture<ClientSampleTests.SampleFixture>
{
    private readonly HttpClient _http = fixture.Http;

    /// <summary>One silo process and one client-sample app for the whole class.</summary>
    public sealed class SampleFixture : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new();
        private SiloProcess _silo = null!;
        private WebApplication _app = null!;

        public HttpClient Http { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _silo = await SiloProcess.StartAsync(_directory.Path);
            _app = TripsApp.Create(["--urls", "http://127.0.0.1:0", "--Sagas:GatewayPort", _silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--Logging:LogLevel:Default", "Warning"]);
            await _app.StartAsync();
            Http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            _silo.Dispose();
            _directory.Dispose();
        }
    }

    [Fact]
    public async Task A_trip_posted_to_the_sample_is_booked_by_the_silo()
    {
        using var response = await PostAsync("/trips", """{"customer":"ann","amount":250,"from":"AMS","to":"LIS"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var tripId = body.GetProperty("tripId").GetString()!;
        var statusUrl = body.GetProperty("statusUrl").GetString()!;
        Assert.Equal($"/trips/{tripId}", statusUrl);

        JsonElement trip = default;
        await Eventually.True(async () =>
        {
            trip = await _http.GetFromJsonAsync<JsonElement>(statusUrl);
            return trip.GetProperty("status").GetString() != "Running";
        }, "the trip finishes");
        Assert.Equal("Succeeded", trip.GetProperty("status").GetString());
        Assert.Equal(tripId, trip.GetProperty("tripId").GetString());
        Assert.Equal(5, trip.GetProperty("steps").GetArrayLength());
        Assert.False(trip.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task A_trip_that_fails_at_the_hotel_shows_the_compensation_and_its_error()
    {
        using var response = await PostAsync("/trips", """{"customer":"bo","amount":80,"from":"OSL","to":"RIX","failAt":"book-hotel"}""");
        var statusUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;

        JsonElement trip = default;
        await Eventually.True(async () =>
        {
            trip = await _http.GetFromJsonAsync<JsonElement>(statusUrl);
            return trip.GetProperty("status").GetString() != "Running";
        }, "the trip finishes");

        Assert.Equal("Compensated", trip.GetProperty("status").GetString());
        Assert.Equal("RequestedFailure", trip.GetProperty("error").GetProperty("error").GetString());
        var payment = trip.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "process-payment");
        Assert.Equal("Undone", payment.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_waiting_trip_is_cancelled_with_202()
    {
        using var response = await PostAsync("/trips", """{"customer":"cy","amount":80,"from":"BER","to":"VIE","delaySeconds":600}""");
        var tripId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tripId").GetString()!;

        using var cancel = await _http.PostAsync($"/trips/{tripId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await Eventually.True(async () => (await _http.GetFromJsonAsync<JsonElement>($"/trips/{tripId}")).GetProperty("status").GetString() == "Cancelled", "the trip is cancelled");
    }

    [Fact]
    public async Task Unknown_trips_and_bad_bodies_are_problems()
    {
        using var unknown = await _http.GetAsync("/trips/no-such-trip");
        using var notObject = await PostAsync("/trips", "[1]");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no-such-trip", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notObject.StatusCode);
        Assert.Contains("trip object", await notObject.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
