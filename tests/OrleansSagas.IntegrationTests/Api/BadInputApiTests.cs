using System.Net;
using System.Text;
using System.Text.Json;
using OrleansSagas.IntegrationTests.Infrastructure;

namespace OrleansSagas.IntegrationTests.Api;

public sealed class BadInputApiTests(HttpTestNodeFixture fixture) : IClassFixture<HttpTestNodeFixture>
{
    private const string ValidInput = """{"customer":"ann","amount":1,"from":"AMS","to":"LIS"}""";

    private HttpTestNode Node => fixture.Node;

    public static TheoryData<string, int, string, string> BadStarts => new()
    {
        { "{", 400, "body", "not valid JSON" },
        { "", 400, "body", "empty" },
        { "[1,2]", 400, "body", "must be a JSON object" },
        { "\"travel-booking\"", 400, "body", "must be a JSON object" },
        { """{"input":{}}""", 400, "definition", "'definition' is required" },
        { """{"definition":null}""", 400, "definition", "'definition' is required" },
        { """{"definition":5}""", 400, "definition", "must be a string" },
        { """{"definition":" "}""", 400, "definition", "must not be empty" },
        { """{"definition":"travel-booking","id":7}""", 400, "id", "must be a string" },
        { """{"definition":"travel-booking","id":"two words"}""", 400, "id", "whitespace" },
        { """{"definition":"travel-booking","id":""}""", 400, "id", "must not be empty" },
        { """{"definition":"travel-booking","inputs":{}}""", 400, "inputs", "Unknown field 'inputs'" },
        { """{"definition":"no-such-saga","input":{}}""", 404, "definition", "'no-such-saga' is not registered" },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task A_bad_start_is_rejected_with_a_problem_naming_the_field(string body, int status, string field, string detail)
    {
        using var response = await Node.PostJsonAsync("/api/sagas", body);
        await AssertProblemAsync(response, status, field, detail);
    }

    [Theory]
    [InlineData("GET", "/api/sagas/nobody", 404, "id", "'nobody' was not found")]
    [InlineData("GET", "/api/sagas/nobody/history", 404, "id", "'nobody' was not found")]
    [InlineData("GET", "/api/sagas/nobody/result?waitSeconds=1", 404, "id", "'nobody' was not found")]
    [InlineData("POST", "/api/sagas/nobody/signals/approve", 404, "id", "'nobody' was not found")]
    [InlineData("POST", "/api/sagas/nobody/cancel", 404, "id", "'nobody' was not found")]
    [InlineData("POST", "/api/sagas/nobody/stuck/book-flight/retry", 404, "id", "'nobody' was not found")]
    [InlineData("POST", "/api/sagas/nobody/stuck/book-flight/skip", 404, "id", "'nobody' was not found")]
    [InlineData("GET", "/api/sagas/nobody/result?waitSeconds=abc", 400, "waitSeconds", "'abc'")]
    [InlineData("GET", "/api/sagas/nobody/result?waitSeconds=-1", 400, "waitSeconds", "'-1'")]
    [InlineData("GET", "/api/sagas/nobody/result?waitSeconds=NaN", 400, "waitSeconds", "'NaN'")]
    [InlineData("GET", "/api/sagas?status=Foo", 400, "status", "must be one of Running, Succeeded")]
    [InlineData("GET", "/api/sagas?status=1", 400, "status", "was '1'")]
    [InlineData("GET", "/api/sagas?limit=0", 400, "limit", "from 1 to 1000")]
    [InlineData("GET", "/api/sagas?limit=1001", 400, "limit", "was '1001'")]
    [InlineData("GET", "/api/sagas?limit=ten", 400, "limit", "was 'ten'")]
    public async Task A_bad_call_is_rejected_with_a_problem_naming_the_field(string method, string path, int status, string field, string detail)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await Node.Http.SendAsync(request);
        await AssertProblemAsync(response, status, field, detail);
    }

    [Fact]
    public async Task A_request_over_the_payload_limit_is_refused_with_413_before_it_is_parsed()
    {
        // Deliberately not JSON: a parse would answer 400, so 413 proves the size was checked first.
        var body = new string('x', 300 * 1024);
        using var response = await Node.PostJsonAsync("/api/sagas", body);
        await AssertProblemAsync(response, 413, "body", "over the limit of");
    }

    [Fact]
    public async Task A_streamed_request_without_a_length_is_cut_off_at_the_limit_with_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 400 * 1024))));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sagas") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Node.Http.SendAsync(request);
        await AssertProblemAsync(response, 413, "body", "exceeds the limit");
    }

    [Fact]
    public async Task An_input_over_the_payload_limit_is_refused_with_413_naming_the_input()
    {
        var input = JsonSerializer.Serialize(new { customer = new string('c', 256 * 1024), amount = 1 });
        using var response = await Node.PostJsonAsync("/api/sagas", $$"""{"definition":"travel-booking","input":{{input}}}""");
        await AssertProblemAsync(response, 413, "input", "over the limit of 262144 bytes");
    }

    [Fact]
    public async Task A_signal_with_malformed_or_oversized_payload_is_refused_and_the_saga_is_untouched()
    {
        await Node.StartAsync("expense-approval", new { employee = "eve", amount = 12, description = "taxi" }, "bad-signal");

        using var malformed = await Node.PostJsonAsync("/api/sagas/bad-signal/signals/approve", "{\"approved\":");
        await AssertProblemAsync(malformed, 400, "payload", "not valid JSON");
        using var huge = await Node.PostJsonAsync("/api/sagas/bad-signal/signals/approve", $"\"{new string('x', 300 * 1024)}\"");
        await AssertProblemAsync(huge, 413, "body", "over the limit");

        var saga = await Node.GetJsonAsync("/api/sagas/bad-signal");
        Assert.Equal("Running", saga.GetProperty("status").GetString());
        var history = await Node.GetJsonAsync("/api/sagas/bad-signal/history");
        Assert.DoesNotContain(history.EnumerateArray(), e => e.GetProperty("type").GetString() is "SignalBuffered" or "SignalConsumed");
    }

    [Fact]
    public async Task The_same_id_with_other_input_is_a_409_conflict_and_the_stored_saga_is_unchanged()
    {
        await Node.StartAsync("travel-booking", JsonDocument.Parse(ValidInput).RootElement, "conflicting");
        var before = await Node.ResultAsync("conflicting");

        using var response = await Node.PostJsonAsync("/api/sagas", """{"definition":"travel-booking","id":"conflicting","input":{"customer":"mallory","amount":1,"from":"AMS","to":"LIS"}}""");

        await AssertProblemAsync(response, 409, "id", "different input");
        var after = await Node.GetJsonAsync("/api/sagas/conflicting");
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string field, string detail)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:orleanssagas:problem:", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }
}
