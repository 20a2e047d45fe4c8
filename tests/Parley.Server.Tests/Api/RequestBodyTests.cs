using System.Net;
using System.Text;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Bodies that are not JSON objects, are malformed or too large get a clear 4xx, never a 500.</summary>
public sealed class RequestBodyTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    public static TheoryData<string, string> Malformed => new()
    {
        { "{\"name\":", "request body is not valid JSON:" },
        { "{\"name\": 'single'}", "request body is not valid JSON:" },
        { "[1,2,3]", "request body must be a JSON object" },
        { "\"text\"", "request body must be a JSON object" },
        { "{\"name\":\"a\",\"name\":\"b\"}", "request body is not valid JSON: duplicate property 'name'" },
        { "{\"model\":{\"a\":1,\"a\":2}}", "request body is not valid JSON: duplicate property 'a'" },
        { new string('[', 200) + new string(']', 200), "request body is not valid JSON:" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_bodies_are_400_with_a_message(string body, string messageStart)
    {
        foreach (var path in new[] { "/assistant", "/tool", "/call", "/credential" })
        {
            var response = (await fixture.App.Client().PostJsonAsync(path, body)).Expect(HttpStatusCode.BadRequest);
            Assert.StartsWith(messageStart, response.Messages.Single());
            Assert.Equal("Bad Request", response.Object["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Oversized_bodies_are_413()
    {
        var huge = "{\"name\":\"" + new string('x', 3 * 1024 * 1024) + "\"}";
        var response = (await fixture.App.Client().PostJsonAsync("/assistant", huge)).Expect(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(413, response.Object["statusCode"]!.GetValue<int>());
        Assert.Contains("larger than the limit", response.Messages.Single());
    }

    [Fact]
    public async Task Oversized_chunked_bodies_are_413()
    {
        var client = fixture.App.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/assistant")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('y', 3 * 1024 * 1024) + "\"}"))),
        };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_answer_like_NestJS()
    {
        var response = (await fixture.App.Client().GetJsonAsync("/nope")).Expect(HttpStatusCode.NotFound);
        Assert.Equal("Cannot GET /nope", response.Messages.Single());
    }

    [Fact]
    public async Task Random_garbage_never_produces_a_500()
    {
        var random = new Random(1234);
        var client = fixture.App.Client();
        var paths = new[] { "/assistant", "/tool", "/squad", "/phone-number", "/credential", "/call" };
        var fragments = new[] { "{", "}", "[", "]", "\"type\"", ":", ",", "\"function\"", "null", "1e999", "-0", "\"\\u0000\"", "true", "\"provider\"", "\"openai\"", "{\"a\":" };
        for (var i = 0; i < 150; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => fragments[random.Next(fragments.Length)]));
            var response = await client.PostJsonAsync(paths[i % paths.Length], body);
            Assert.True((int)response.Status < 500, $"{paths[i % paths.Length]} {body} gave {(int)response.Status}: {response.Text}");
        }
    }
}

/// <summary>A key that sends more than its burst gets 429s in Vapi's shape with a Retry-After, other keys are unaffected.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_burst_gets_429_and_other_keys_do_not()
    {
        await using var app = new ParleyApp(StoreKind.Sqlite, settings: new() { ["Parley:RateLimitBurst"] = "5", ["Parley:RateLimitPerSecond"] = "1" });
        var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++) statuses.Add((await client.GetJsonAsync("/assistant")).Status);

        Assert.Equal(5, statuses.Take(5).Count(s => s == HttpStatusCode.OK));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(5));
        var limited = await client.GetJsonAsync("/assistant");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(429, limited.Object["statusCode"]!.GetValue<int>());

        var (_, otherKey, _) = await app.AddOrgAsync();
        (await app.Client(otherKey).GetJsonAsync("/assistant")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Made_up_keys_do_not_buy_fresh_buckets_on_the_api()
    {
        await using var app = new ParleyApp(StoreKind.Sqlite, settings: new() { ["Parley:RateLimitBurst"] = "5", ["Parley:RateLimitPerSecond"] = "1" });
        var anonymous = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "made-up-" + i);
            statuses.Add((await anonymous.GetJsonAsync("/assistant")).Status);
        }

        // One address gets four keys' worth (a burst of 20) and no more, whatever key each request names.
        Assert.Equal(20, statuses.Take(20).Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(20));
    }

    [Fact]
    public async Task Live_call_urls_are_limited_per_address_whatever_authorization_header_comes_with_them()
    {
        await using var app = new ParleyApp(StoreKind.Sqlite, settings: new() { ["Parley:RateLimitBurst"] = "5", ["Parley:RateLimitPerSecond"] = "1" });
        var anonymous = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            // These URLs never check a key, so a made-up one per request must not open a fresh bucket.
            anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "made-up-" + i);
            statuses.Add((await anonymous.PostJsonAsync($"/{Guid.NewGuid()}/control", """{"type":"say","content":"hi"}""")).Status);
        }

        Assert.Equal(5, statuses.Take(5).Count(s => s == HttpStatusCode.NotFound));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(5));
    }
}
