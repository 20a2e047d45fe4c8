using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// Provider keys are checked with the provider itself: a stored credential can be validated on demand, and a call
/// whose voice key the provider refuses fails at start with that reason instead of failing silently mid-call.
/// </summary>
public sealed class ProviderKeyTests
{
    /// <summary>ElevenLabs' <c>GET /v1/user</c>: 200 for the good key, 401 for any other.</summary>
    private static Task<LoopbackServer> FakeElevenLabsAsync() => LoopbackServer.StartAsync(app => app.MapGet("/v1/user", (HttpContext http) =>
        http.Request.Headers["xi-api-key"] == "el-good" ? Results.Json(new { subscription = new { tier = "free" } }) : Results.Json(new { detail = new { status = "invalid_api_key" } }, statusCode: 401)));

    [Fact]
    public async Task A_stored_credential_is_validated_against_the_provider()
    {
        await using var elevenLabs = await FakeElevenLabsAsync();
        await using var harness = await CallHarness.StartAsync(new() { ["PARLEY_ELEVENLABS_BASE_URL"] = elevenLabs.BaseUrl });

        var good = await CreateCredentialAsync(harness, "el-good");
        var goodCheck = (await harness.Client.PostJsonAsync($"/credential/{good}/validate", "{}")).Expect(HttpStatusCode.OK).Object;
        Assert.True(goodCheck["valid"]!.GetValue<bool>());

        var bad = await CreateCredentialAsync(harness, "el-bad");
        var badCheck = (await harness.Client.PostJsonAsync($"/credential/{bad}/validate", "{}")).Expect(HttpStatusCode.OK).Object;
        Assert.False(badCheck["valid"]!.GetValue<bool>());
        Assert.Equal($"11labs rejected the API key (HTTP 401 from {elevenLabs.BaseUrl}/v1/user)", badCheck["message"]!.GetValue<string>());

        var missing = await harness.Client.PostJsonAsync($"/credential/{Guid.NewGuid()}/validate", "{}");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task A_call_whose_voice_key_is_refused_fails_at_start_with_the_providers_answer()
    {
        await using var elevenLabs = await FakeElevenLabsAsync();
        await using var harness = await CallHarness.StartAsync(new()
        {
            ["PARLEY_ELEVENLABS_BASE_URL"] = elevenLabs.BaseUrl,
            ["PARLEY_DEEPGRAM_BASE_URL"] = elevenLabs.BaseUrl,
            ["DEEPGRAM_API_KEY"] = "dg-key",
        });
        await CreateCredentialAsync(harness, "el-bad");
        var call = await harness.CreateCallAsync("""
            {"name":"Refused","model":{"provider":"openai","model":"gpt-4o-mini"},"voice":{"provider":"11labs","voiceId":"abc"},"transcriber":{"provider":"deepgram"}}
            """);

        var start = await harness.Client.GetJsonAsync(new Uri(call["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);

        Assert.Equal(HttpStatusCode.BadRequest, start.Status);
        Assert.Equal($"voice.provider '11labs': 11labs rejected the API key (HTTP 401 from {elevenLabs.BaseUrl}/v1/user); update the '11labs' credential (PATCH /credential/<id>) or the server's key",
            start.Messages[0]);
    }

    private static async Task<string> CreateCredentialAsync(CallHarness harness, string key) =>
        (await harness.Client.PostJsonAsync("/credential", $$"""{"provider":"11labs","apiKey":"{{key}}"}""")).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
}
