using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansSagas.Client;
using OrleansSagas.Client.Http;

namespace OrleansSagas.IntegrationTests.Client;

public sealed class SagaClientOptionsTests
{
    [Fact]
    public void A_client_without_a_gateway_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new SagaHttpClient(new HttpClient(), new SagaClientOptions()));

        Assert.Contains("Sagas:Gateway is required", error.Message);
    }

    [Theory]
    [InlineData("ftp://example.org", "must be an absolute http or https URI")]
    [InlineData("/relative", "must be an absolute http or https URI")]
    public void A_gateway_that_is_not_an_http_address_is_refused(string gateway, string message)
    {
        var options = new SagaClientOptions { Gateway = new Uri(gateway, UriKind.RelativeOrAbsolute) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Gateways_are_tried_in_order_without_duplicates()
    {
        var options = new SagaClientOptions { Gateway = new Uri("http://a:1") };
        options.Gateways.Add(new Uri("http://b:2"));
        options.Gateways.Add(new Uri("http://a:1"));

        Assert.Equal([new Uri("http://a:1"), new Uri("http://b:2")], options.AllGateways());
    }

    [Fact]
    public void AddOrleansSagasClient_registers_the_http_client_as_ISagaClient()
    {
        using var services = new ServiceCollection()
            .AddOrleansSagasClient(o => o.Gateway = new Uri("http://127.0.0.1:5080"))
            .BuildServiceProvider();

        var client = services.GetRequiredService<ISagaClient>();

        var http = Assert.IsType<SagaHttpClient>(client);
        Assert.Same(http, services.GetRequiredService<SagaHttpClient>());
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), http.CurrentGateway);
    }

    [Fact]
    public void AddOrleansSagasClient_reports_bad_options_through_the_options_system()
    {
        using var services = new ServiceCollection()
            .AddOrleansSagasClient(o => o.MaxAttempts = 0)
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SagaClientOptions>>().Value);

        Assert.Contains("Sagas:Gateway is required", error.Message);
    }
}
