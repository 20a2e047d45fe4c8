using Parley.Core.Llm.Testing;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Parley.Core.Http;

namespace Parley.Core.Tests.Http;

public sealed class OutboundRequestSenderTests : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryCredentialStore _credentials = new();
    private LoopbackServer? _server;

    private OutboundRequestSender Sender() => new(_http, _credentials, _clock);

    private async Task<LoopbackServer> Serve(Func<HttpContext, ReceivedRequest, Task> respond) =>
        _server = await LoopbackServer.StartAsync(respond);

    private static Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    private OutboundRequest Post(string path, string body = """{"message":{"type":"tool-calls"}}""") => new()
    {
        Method = HttpMethod.Post,
        Url = _server!.Url(path),
        Body = JsonNode.Parse(body),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task A_body_with_frozen_parts_goes_out_whole()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        var entry = new JsonObject { ["role"] = "bot", ["message"] = "Grüße" };
        var body = new JsonObject { ["message"] = new JsonObject { ["type"] = "conversation-update", ["messages"] = new JsonArray(Parley.Core.Json.FrozenJson.Of(entry).AsNode()) } };

        var result = await Sender().SendAsync(Post("/hook") with { Body = body }, default);

        Assert.IsType<OutboundResponse>(result);
        var text = Assert.Single(_server!.Requests).Body;
        Assert.True(JsonNode.DeepEquals(entry, JsonNode.Parse(text)!["message"]!["messages"]![0]));
        // The frozen part is written as the rest of the body is, as Node's JSON.stringify would.
        Assert.Contains("""{"role":"bot","message":"Grüße"}""", text);
    }

    [Fact]
    public async Task Sends_the_json_body_with_secret_and_given_headers_and_reads_the_json_answer()
    {
        await Serve((c, _) => { c.Response.Headers["X-Trace"] = "abc"; return Json(c, 200, """{"results":[{"result":"ok"}]}"""); });

        var result = await Sender().SendAsync(Post("/hook") with
        {
            Secret = "s3cret",
            Headers = new Dictionary<string, string> { ["X-Custom"] = "42" },
        }, default);

        var received = Assert.Single(_server!.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("application/json", received.Header("Content-Type"));
        Assert.Equal("s3cret", received.Header("X-Vapi-Secret"));
        Assert.Equal("42", received.Header("X-Custom"));
        Assert.Equal("tool-calls", JsonNode.Parse(received.Body)!["message"]!["type"]!.GetValue<string>());
        var response = Assert.IsType<OutboundResponse>(result);
        Assert.True(response.IsSuccess);
        Assert.Equal(1, response.Attempts);
        Assert.Equal("abc", response.Headers["x-trace"]);
        Assert.Equal("ok", response.Body!["results"]![0]!["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_body_is_written_like_javascript_json_without_escaping_plus_or_accents()
    {
        await Serve((c, _) => Json(c, 200, "{}"));

        await Sender().SendAsync(Post("/hook", """{"number":"+15550001111","name":"Zoë <Z>"}"""), default);

        Assert.Equal("""{"number":"+15550001111","name":"Zoë <Z>"}""", Assert.Single(_server!.Requests).Body);
    }

    [Fact]
    public async Task A_non_json_answer_keeps_its_text_and_has_no_parsed_body()
    {
        await Serve((c, _) => { c.Response.ContentType = "text/plain"; return c.Response.WriteAsync("all good"); });

        var response = Assert.IsType<OutboundResponse>(await Sender().SendAsync(Post("/hook"), default));

        Assert.Equal("all good", response.Text);
        Assert.Null(response.Body);
    }

    [Fact]
    public async Task A_get_without_body_sends_no_content()
    {
        await Serve((c, _) => Json(c, 200, "[1,2]"));

        var response = Assert.IsType<OutboundResponse>(await Sender().SendAsync(Post("/items") with { Method = HttpMethod.Get, Body = null }, default));

        var received = Assert.Single(_server!.Requests);
        Assert.Equal("GET", received.Method);
        Assert.Equal("", received.Body);
        Assert.Null(received.Header("Content-Type"));
        Assert.Equal(2, response.Body!.AsArray().Count);
    }

    [Fact]
    public async Task Bearer_credential_sets_authorization_with_the_bearer_prefix()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        _credentials.Add("cred-1", """{"provider":"custom-credential","authenticationPlan":{"type":"bearer","token":"tok-1"}}""");

        await Sender().SendAsync(Post("/hook") with { CredentialId = "cred-1" }, default);

        Assert.Equal("Bearer tok-1", Assert.Single(_server!.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Bearer_credential_with_a_custom_header_and_no_prefix_sends_the_bare_token()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        _credentials.Add("cred-1", """
            {"provider":"webhook","authenticationPlan":{"type":"bearer","token":"tok-1","headerName":"X-Vapi-Secret","bearerPrefixEnabled":false}}
            """);

        await Sender().SendAsync(Post("/hook") with { CredentialId = "cred-1" }, default);

        var received = Assert.Single(_server!.Requests);
        Assert.Equal("tok-1", received.Header("X-Vapi-Secret"));
        Assert.Null(received.Header("Authorization"));
    }

    [Fact]
    public async Task An_explicit_authorization_header_wins_over_the_credential()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        _credentials.Add("cred-1", """{"provider":"custom-credential","authenticationPlan":{"type":"bearer","token":"tok-1"}}""");

        await Sender().SendAsync(Post("/hook") with
        {
            CredentialId = "cred-1",
            Headers = new Dictionary<string, string> { ["authorization"] = "Basic dXNlcg==" },
        }, default);

        Assert.Equal("Basic dXNlcg==", Assert.Single(_server!.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task A_plain_api_key_credential_is_sent_as_a_bearer_token()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        _credentials.Add("key-1", """{"provider":"openai","apiKey":"sk-abc"}""");

        await Sender().SendAsync(Post("/hook") with { CredentialId = "key-1" }, default);

        Assert.Equal("Bearer sk-abc", Assert.Single(_server!.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task An_unknown_credential_fails_clearly_without_sending_anything()
    {
        await Serve((c, _) => Json(c, 200, "{}"));

        var result = await Sender().SendAsync(Post("/hook") with { CredentialId = "missing-id" }, default);

        var failure = Assert.IsType<OutboundFailure>(result);
        Assert.Contains("missing-id", failure.Reason);
        Assert.Contains("not found", failure.Reason);
        Assert.False(failure.TimedOut);
        Assert.Empty(_server!.Requests);
    }

    private const string OAuthCredential = """
        {"provider":"custom-credential","authenticationPlan":{"type":"oauth2","url":"URL","clientId":"client-a","clientSecret":"shh","scope":"tools.read"}}
        """;

    private async Task ServeOAuth(Func<int, string> tokenFor, Func<ReceivedRequest, int>? status = null)
    {
        var issued = 0;
        await Serve((c, r) =>
        {
            if (r.Path == "/token")
            {
                var n = Interlocked.Increment(ref issued);
                return Json(c, 200, $$"""{"access_token":"{{tokenFor(n)}}","token_type":"bearer","expires_in":3600}""");
            }
            return Json(c, status?.Invoke(r) ?? 200, "{}");
        });
        _credentials.Add("oauth", OAuthCredential.Replace("URL", _server!.Url("/token")));
    }

    [Fact]
    public async Task OAuth2_token_is_fetched_once_with_client_credentials_and_reused_for_two_requests()
    {
        await ServeOAuth(n => $"token-{n}");
        var sender = Sender();

        await sender.SendAsync(Post("/hook") with { CredentialId = "oauth" }, default);
        await sender.SendAsync(Post("/hook") with { CredentialId = "oauth" }, default);

        var tokenCall = Assert.Single(_server!.RequestsTo("/token"));
        Assert.StartsWith("application/x-www-form-urlencoded", tokenCall.Header("Content-Type"));
        var form = tokenCall.Body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("client-a", form["client_id"]);
        Assert.Equal("shh", form["client_secret"]);
        Assert.Equal("tools.read", form["scope"]);
        Assert.All(_server.RequestsTo("/hook"), r => Assert.Equal("Bearer token-1", r.Header("Authorization")));
        Assert.Equal(2, _server.RequestsTo("/hook").Count);
    }

    [Fact]
    public async Task OAuth2_token_is_fetched_again_once_it_is_about_to_expire()
    {
        await ServeOAuth(n => $"token-{n}");
        var sender = Sender();

        await sender.SendAsync(Post("/hook") with { CredentialId = "oauth" }, default);
        _clock.Advance(TimeSpan.FromSeconds(3600 - 10));
        await sender.SendAsync(Post("/hook") with { CredentialId = "oauth" }, default);

        Assert.Equal(2, _server!.RequestsTo("/token").Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], _server.RequestsTo("/hook").Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task OAuth2_401_refreshes_the_token_once_and_resends()
    {
        await ServeOAuth(n => $"token-{n}", r => r.Header("Authorization") == "Bearer token-1" ? 401 : 200);

        var response = Assert.IsType<OutboundResponse>(await Sender().SendAsync(Post("/hook") with { CredentialId = "oauth" }, default));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, _server!.RequestsTo("/token").Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], _server.RequestsTo("/hook").Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task OAuth2_token_endpoint_refusal_is_a_failure_that_does_not_leak_the_secret()
    {
        await Serve((c, r) => Json(c, r.Path == "/token" ? 401 : 200, "{}"));
        _credentials.Add("oauth", OAuthCredential.Replace("URL", _server!.Url("/token")));

        var result = await Sender().SendAsync(Post("/hook") with
        {
            CredentialId = "oauth",
            BackoffPlan = JsonNode.Parse("""{"type":"fixed","maxRetries":3,"baseDelaySeconds":0}""")!.AsObject(),
        }, default);

        var failure = Assert.IsType<OutboundFailure>(result);
        Assert.Contains("401", failure.Reason);
        Assert.DoesNotContain("shh", failure.Reason);
        Assert.Equal(1, failure.Attempts);
        Assert.Empty(_server.RequestsTo("/hook"));
    }

    [Fact]
    public async Task Hmac_sha256_signature_over_timestamp_and_body_verifies_on_the_server()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        _credentials.Add("hmac", """{"provider":"webhook","authenticationPlan":{"type":"hmac","secretKey":"hook-key","algorithm":"sha256"}}""");

        await Sender().SendAsync(Post("/hook") with { CredentialId = "hmac" }, default);

        var received = Assert.Single(_server!.Requests);
        var timestamp = received.Header("x-timestamp");
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds().ToString(), timestamp);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("hook-key"), Encoding.UTF8.GetBytes($"{timestamp}.{received.Body}")));
        Assert.Equal(expected, received.Header("x-signature"));
    }

    [Fact]
    public async Task Hmac_sha512_with_base64_secret_custom_format_prefix_and_message_id_verifies_on_the_server()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        var key = RandomNumberGenerator.GetBytes(24);
        var plan = new JsonObject
        {
            ["type"] = "hmac", ["algorithm"] = "sha512", ["secretKey"] = "whsec_" + Convert.ToBase64String(key), ["secretIsBase64"] = true,
            ["payloadFormat"] = "{svix-id}.{method}.{url}.{timestamp}.{body}", ["signatureEncoding"] = "base64",
            ["signaturePrefix"] = "v1,", ["signatureHeader"] = "svix-signature", ["timestampHeader"] = "svix-timestamp",
            ["messageIdHeader"] = "svix-id",
        };
        _credentials.Add("hmac", new JsonObject { ["provider"] = "webhook", ["authenticationPlan"] = plan }.ToJsonString());
        var request = Post("/hook") with { CredentialId = "hmac" };

        await Sender().SendAsync(request, default);

        var received = Assert.Single(_server!.Requests);
        var id = received.Header("svix-id");
        Assert.StartsWith("msg_", id);
        var payload = $"{id}.POST.{request.Url}.{received.Header("svix-timestamp")}.{received.Body}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA512.HashData(key, Encoding.UTF8.GetBytes(payload)));
        Assert.Equal(expected, received.Header("svix-signature"));
    }

    [Fact]
    public async Task Hmac_without_timestamp_signs_the_body_alone_and_sends_no_timestamp_header()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        _credentials.Add("hmac", """
            {"provider":"webhook","authenticationPlan":{"type":"hmac","secretKey":"k","algorithm":"sha1","includeTimestamp":false,"signaturePrefix":"sha1="}}
            """);

        await Sender().SendAsync(Post("/hook") with { CredentialId = "hmac" }, default);

        var received = Assert.Single(_server!.Requests);
        Assert.Null(received.Header("x-timestamp"));
        var expected = "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData("k"u8.ToArray(), Encoding.UTF8.GetBytes(received.Body)));
        Assert.Equal(expected, received.Header("x-signature"));
    }

    [Fact]
    public async Task Encrypted_paths_are_replaced_by_rsa_oaep_ciphertext_the_server_can_decrypt()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        using var rsa = RSA.Create(2048);
        var credential = new JsonObject
        {
            ["provider"] = "custom-credential",
            ["authenticationPlan"] = new JsonObject { ["type"] = "bearer", ["token"] = "t" },
            ["encryptionPlan"] = new JsonObject
            {
                ["type"] = "public-key", ["algorithm"] = "RSA-OAEP-256",
                ["publicKey"] = new JsonObject { ["format"] = "spki-pem", ["pem"] = rsa.ExportSubjectPublicKeyInfoPem() },
            },
        };
        _credentials.Add("enc", credential.ToJsonString());
        var request = Post("/hook", """{"customer":{"ssn":"123-45-6789","name":"Ann"},"amount":42}""") with
        {
            CredentialId = "enc",
            EncryptedPaths = ["customer.ssn", "amount", "customer.missing"],
        };

        await Sender().SendAsync(request, default);

        var body = JsonNode.Parse(Assert.Single(_server!.Requests).Body)!;
        string Decrypt(JsonNode? node) =>
            Encoding.UTF8.GetString(rsa.Decrypt(Convert.FromBase64String(node!.GetValue<string>()), RSAEncryptionPadding.OaepSHA256));
        Assert.Equal("123-45-6789", Decrypt(body["customer"]!["ssn"]));
        Assert.Equal("42", Decrypt(body["amount"]));
        Assert.Equal("Ann", body["customer"]!["name"]!.GetValue<string>());
        Assert.Null(body["customer"]!["missing"]);
        Assert.Equal("123-45-6789", request.Body!["customer"]!["ssn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Encrypted_paths_without_an_encryption_plan_leave_the_body_unchanged()
    {
        await Serve((c, _) => Json(c, 200, "{}"));
        _credentials.Add("cred-1", """{"provider":"custom-credential","authenticationPlan":{"type":"bearer","token":"tok-1"}}""");

        await Sender().SendAsync(Post("/hook", """{"ssn":"123"}""") with { CredentialId = "cred-1", EncryptedPaths = ["ssn"] }, default);

        Assert.Equal("""{"ssn":"123"}""", Assert.Single(_server!.Requests).Body);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_after_the_request_timeout()
    {
        var release = new TaskCompletionSource();
        await Serve(async (c, _) => await release.Task.WaitAsync(c.RequestAborted));
        var sending = Sender().SendAsync(Post("/slow") with { Timeout = TimeSpan.FromSeconds(5) }, default);

        await _clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(5), "the 5 s request timeout");
        while (_server!.Requests.IsEmpty) await Task.Delay(10);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var result = await sending;
        release.TrySetResult();

        var failure = Assert.IsType<OutboundFailure>(result);
        Assert.True(failure.TimedOut);
        Assert.Equal(1, failure.Attempts);
    }

    [Fact]
    public async Task A_503_is_retried_after_the_fixed_delay_until_it_succeeds()
    {
        var calls = 0;
        await Serve((c, _) => Interlocked.Increment(ref calls) <= 2 ? Json(c, 503, "{}") : Json(c, 200, """{"ok":true}"""));
        var sending = Sender().SendAsync(Post("/flaky") with
        {
            BackoffPlan = JsonNode.Parse("""{"type":"fixed","maxRetries":3,"baseDelaySeconds":2}""")!.AsObject(),
        }, default);

        for (var retry = 1; retry <= 2; retry++)
        {
            await _clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2), $"fixed delay before retry {retry}");
            _clock.Advance(TimeSpan.FromSeconds(2));
        }
        var response = Assert.IsType<OutboundResponse>(await sending);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, response.Attempts);
        Assert.Equal(3, _server!.Requests.Count);
    }

    [Fact]
    public async Task Exponential_backoff_doubles_the_delay_and_stops_after_max_retries()
    {
        await Serve((c, _) => Json(c, 500, """{"error":"boom"}"""));
        var sending = Sender().SendAsync(Post("/down") with
        {
            BackoffPlan = JsonNode.Parse("""{"type":"exponential","maxRetries":3,"baseDelaySeconds":1}""")!.AsObject(),
        }, default);

        foreach (var seconds in new[] { 1, 2, 4 })
        {
            await _clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(seconds), $"exponential delay of {seconds} s");
            _clock.Advance(TimeSpan.FromSeconds(seconds));
        }
        var response = Assert.IsType<OutboundResponse>(await sending);

        Assert.Equal(500, response.StatusCode);
        Assert.Equal(4, response.Attempts);
        Assert.Equal(4, _server!.Requests.Count);
    }

    [Fact]
    public async Task A_400_is_never_retried()
    {
        await Serve((c, _) => Json(c, 400, """{"message":"bad"}"""));

        var result = await Sender().SendAsync(Post("/bad") with
        {
            BackoffPlan = JsonNode.Parse("""{"type":"fixed","maxRetries":5,"baseDelaySeconds":1}""")!.AsObject(),
        }, default);

        var response = Assert.IsType<OutboundResponse>(result);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(1, response.Attempts);
        Assert.Single(_server!.Requests);
    }

    [Fact]
    public async Task An_excluded_status_code_is_not_retried()
    {
        await Serve((c, _) => Json(c, 503, "{}"));

        var result = await Sender().SendAsync(Post("/down") with
        {
            BackoffPlan = JsonNode.Parse("""{"type":"fixed","maxRetries":5,"baseDelaySeconds":1,"excludedStatusCodes":[503]}""")!.AsObject(),
        }, default);

        Assert.Equal(1, result.Attempts);
        Assert.Single(_server!.Requests);
    }

    [Fact]
    public async Task A_429_waits_for_the_retry_after_the_server_asked_for()
    {
        var calls = 0;
        await Serve((c, _) =>
        {
            if (Interlocked.Increment(ref calls) > 1) return Json(c, 200, "{}");
            c.Response.Headers.RetryAfter = "7";
            return Json(c, 429, "{}");
        });
        var sending = Sender().SendAsync(Post("/limited") with
        {
            BackoffPlan = JsonNode.Parse("""{"type":"fixed","maxRetries":1,"baseDelaySeconds":1}""")!.AsObject(),
        }, default);

        await _clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(7), "the 7 s Retry-After");
        _clock.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(200, Assert.IsType<OutboundResponse>(await sending).StatusCode);
        Assert.Equal(2, _server!.Requests.Count);
    }

    [Fact]
    public async Task Connection_refused_is_a_failure_value_and_is_retried()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Sender().SendAsync(new OutboundRequest
        {
            Method = HttpMethod.Post,
            Url = $"http://127.0.0.1:{port}/hook",
            Body = new JsonObject(),
            BackoffPlan = JsonNode.Parse("""{"type":"fixed","maxRetries":2,"baseDelaySeconds":0}""")!.AsObject(),
        }, default);

        var failure = Assert.IsType<OutboundFailure>(result);
        Assert.False(failure.TimedOut);
        Assert.Equal(3, failure.Attempts);
        Assert.Contains("ConnectionError", failure.Reason);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://127.0.0.1/file")]
    public async Task A_url_that_is_not_absolute_http_is_a_failure_value(string url)
    {
        var result = await Sender().SendAsync(new OutboundRequest { Method = HttpMethod.Post, Url = url }, default);

        var failure = Assert.IsType<OutboundFailure>(result);
        Assert.False(failure.Retryable);
        Assert.Contains("URL", failure.Reason);
    }

    [Fact]
    public async Task A_given_content_type_replaces_json_and_an_invalid_header_name_is_dropped()
    {
        await Serve((c, _) => Json(c, 200, "{}"));

        var result = await Sender().SendAsync(Post("/hook") with
        {
            Headers = new Dictionary<string, string> { ["content-type"] = "application/vnd.api+json", ["bad header"] = "x", ["X-Ok"] = "1" },
        }, default);

        Assert.IsType<OutboundResponse>(result);
        var received = Assert.Single(_server!.Requests);
        Assert.Equal("application/vnd.api+json", received.Header("Content-Type"));
        Assert.Equal("1", received.Header("X-Ok"));
        Assert.Null(received.Header("bad header"));
    }

    [Fact]
    public async Task The_callers_cancellation_throws_instead_of_becoming_a_failure()
    {
        var release = new TaskCompletionSource();
        await Serve(async (c, _) => await release.Task.WaitAsync(c.RequestAborted));
        using var cancel = new CancellationTokenSource();
        var sending = Sender().SendAsync(Post("/slow"), cancel.Token);
        while (_server!.Requests.IsEmpty) await Task.Delay(10);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        release.TrySetResult();
    }
}
