using Parley.Core.Llm;
using Parley.Core.Llm.Testing;
using Parley.Providers.Llm;
using Parley.Providers.Llm.Anthropic;
using Parley.Providers.Llm.OpenAiCompatible;

namespace Parley.Providers.Tests.Llm;

/// <summary>
/// Failure behaviour every chat adapter must share: HTTP errors become ChatFailed values of the right kind that name
/// the provider, transient failures before the first delta are retried once, nothing after a delta is retried, and
/// only the caller's cancellation escapes as an exception.
/// </summary>
public abstract class ChatModelConformanceTests : IAsyncLifetime
{
    protected FakeLlmServer Server { get; private set; } = null!;
    protected ManualTimeProvider Time { get; } = new();

    protected abstract string Provider { get; }
    protected abstract string ExpectedPath { get; }
    protected abstract IChatModelProvider CreateProvider(LlmProviderSettings settings);
    protected abstract string TextStream(params string[] chunks);
    protected abstract string TextThenMidStreamError(string text, string errorMessage);
    protected abstract string TextThenMalformed(string text);
    protected abstract string ErrorBody(string message);

    public async Task InitializeAsync() => Server = await FakeLlmServer.StartAsync();
    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected IChatModel Model(int maxAttempts = 2, string? key = "sk-test", TimeSpan? timeout = null, string? baseUrl = null)
    {
        var settings = new LlmProviderSettings
        {
            Http = LlmTestKit.Http,
            Keys = LlmTestKit.Keys(key),
            BaseUrls = new ProviderBaseUrls(new Dictionary<string, string> { [Provider] = baseUrl ?? Server.BaseUrl }, _ => null),
            Time = Time,
            MaxAttempts = maxAttempts,
            RetryDelay = TimeSpan.FromMilliseconds(300),
        };
        return CreateProvider(settings).Create(new ChatModelOptions
        {
            Provider = Provider,
            Model = "test-model",
            Timeout = timeout ?? TimeSpan.FromSeconds(20),
        });
    }

    [Fact]
    public async Task Streamed_text_arrives_in_order_and_completes()
    {
        Server.ThenStream(TextStream("Hel", "lo, wörld", "!"));
        var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
        var answer = LlmTestKit.Answer(deltas);
        Assert.Equal("Hello, wörld!", answer.Text);
        Assert.Equal(ChatFinishReason.Stop, answer.Completed?.Reason);
        Assert.IsType<ChatCompleted>(deltas[^1]);
        Assert.Equal(ExpectedPath, Server.Requests.Single().Path);
    }

    [Fact]
    public async Task Rejected_api_key_makes_a_permanent_failure_that_names_the_provider()
    {
        Server.ThenJson(401, ErrorBody("Invalid API key provided"));
        var failure = Assert.IsType<ChatFailed>(Assert.Single(await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello())));
        Assert.Equal(ProviderFailureKind.Permanent, failure.Kind);
        Assert.Equal(401, failure.StatusCode);
        Assert.Equal($"{Provider} rejected the API key (401): Invalid API key provided", failure.Message);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Forbidden_is_permanent()
    {
        Server.ThenJson(403, ErrorBody("Not allowed"));
        var failure = Assert.IsType<ChatFailed>(Assert.Single(await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello())));
        Assert.Equal((ProviderFailureKind.Permanent, 403), (failure.Kind, failure.StatusCode));
        Assert.Contains("Not allowed", failure.Message);
    }

    [Fact]
    public async Task Bad_request_is_permanent_and_not_retried()
    {
        Server.ThenJson(400, ErrorBody("messages: field required"));
        var failure = Assert.IsType<ChatFailed>(Assert.Single(await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello())));
        Assert.Equal((ProviderFailureKind.Permanent, 400), (failure.Kind, failure.StatusCode));
        Assert.Equal($"{Provider} rejected the request (400): messages: field required", failure.Message);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Rate_limit_is_retried_after_the_retry_after_delay_and_then_succeeds()
    {
        Server.ThenJson(429, ErrorBody("Slow down"), ("Retry-After", "1")).ThenStream(TextStream("ok"));
        var run = LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());

        // The only timer left is the retry delay: the provider's Retry-After, not the default backoff.
        await LlmTestKit.WaitForTimersAsync(Time, TimeSpan.FromSeconds(1));
        Assert.Single(Server.Requests);
        Time.Advance(TimeSpan.FromSeconds(1));

        var answer = LlmTestKit.Answer(await run);
        Assert.Equal("ok", answer.Text);
        Assert.Null(answer.Failure);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task Rate_limit_without_retries_reports_the_retry_after()
    {
        Server.ThenJson(429, ErrorBody("Slow down"), ("Retry-After", "3"));
        var failure = Assert.IsType<ChatFailed>(Assert.Single(await LlmTestKit.CollectAsync(Model(maxAttempts: 1), LlmTestKit.Hello())));
        Assert.Equal((ProviderFailureKind.Transient, 429), (failure.Kind, failure.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
        Assert.Equal($"{Provider} rate-limited the request (429, retry after 3s): Slow down", failure.Message);
    }

    [Fact]
    public async Task Server_error_is_transient_retried_once_then_reported()
    {
        Server.ThenJson(500, ErrorBody("boom")).ThenJson(503, ErrorBody("still down"));
        var run = LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
        await LlmTestKit.WaitForTimersAsync(Time, TimeSpan.FromMilliseconds(300));
        Time.Advance(TimeSpan.FromMilliseconds(300));

        var failure = Assert.IsType<ChatFailed>(Assert.Single(await run));
        Assert.Equal((ProviderFailureKind.Transient, 503), (failure.Kind, failure.StatusCode));
        Assert.Equal($"{Provider} server error (503): still down", failure.Message);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task No_answer_before_the_timeout_is_a_transient_failure()
    {
        Server.ThenStall();
        var run = LlmTestKit.CollectAsync(Model(maxAttempts: 1, timeout: TimeSpan.FromSeconds(5)), LlmTestKit.Hello());
        await Server.WaitForRequestsAsync(1);
        await LlmTestKit.WaitForTimersAsync(Time, TimeSpan.FromSeconds(5));
        Time.Advance(TimeSpan.FromSeconds(5));

        var failure = Assert.IsType<ChatFailed>(Assert.Single(await run));
        Assert.Equal(ProviderFailureKind.Transient, failure.Kind);
        Assert.Equal($"{Provider} sent no response within 5s", failure.Message);
    }

    [Fact]
    public async Task A_slow_answer_is_not_cut_off_once_its_first_bytes_arrived()
    {
        var body = TextStream("a", "b");
        var split = body.LastIndexOf("\n\n", body.IndexOf("\"b\"", StringComparison.Ordinal), StringComparison.Ordinal) + 2;
        var release = new TaskCompletionSource();
        Server.ThenStreamInTwoParts(body[..split], release.Task, body[split..]);

        await using var stream = Model(maxAttempts: 1, timeout: TimeSpan.FromSeconds(5))
            .StreamAsync(LlmTestKit.Hello(), CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(new ChatTextDelta("a"), stream.Current);
        Time.Advance(TimeSpan.FromSeconds(30));
        release.SetResult();

        var rest = new List<ChatDelta>();
        while (await stream.MoveNextAsync()) rest.Add(stream.Current);
        Assert.Equal(new ChatTextDelta("b"), rest[0]);
        Assert.IsType<ChatCompleted>(rest[^1]);
    }

    [Fact]
    public async Task Refused_connection_is_a_transient_failure()
    {
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();

        var deltas = await LlmTestKit.CollectAsync(Model(maxAttempts: 1, baseUrl: $"http://127.0.0.1:{port}"), LlmTestKit.Hello());
        var failure = Assert.IsType<ChatFailed>(Assert.Single(deltas));
        Assert.Equal(ProviderFailureKind.Transient, failure.Kind);
        Assert.StartsWith($"could not reach {Provider} at http://127.0.0.1:{port}", failure.Message);
    }

    [Fact]
    public async Task Malformed_json_after_text_is_reported_and_not_retried()
    {
        Server.ThenStream(TextThenMalformed("Sure, "));
        var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
        Assert.Equal("Sure, ", Assert.IsType<ChatTextDelta>(deltas[0]).Text);
        var failure = Assert.IsType<ChatFailed>(deltas[^1]);
        Assert.Contains($"{Provider} sent a malformed stream", failure.Message);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Error_event_mid_stream_ends_the_answer_with_its_message()
    {
        Server.ThenStream(TextThenMidStreamError("Let me ", "Overloaded"));
        var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
        Assert.Equal("Let me ", Assert.IsType<ChatTextDelta>(deltas[0]).Text);
        var failure = Assert.IsType<ChatFailed>(deltas[^1]);
        Assert.Equal(ProviderFailureKind.Transient, failure.Kind);
        Assert.Contains("Overloaded", failure.Message);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Cancelling_mid_stream_throws_operation_cancelled_and_nothing_else()
    {
        var body = TextStream("first");
        Server.ThenStreamAndStall(body[..body.IndexOf("first", StringComparison.Ordinal)] + body[body.IndexOf("first", StringComparison.Ordinal)..].Split("\n\n")[0] + "\n\n");
        using var cts = new CancellationTokenSource();
        var seen = new List<ChatDelta>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var delta in Model().StreamAsync(LlmTestKit.Hello(), cts.Token))
            {
                seen.Add(delta);
                if (delta is ChatTextDelta) cts.Cancel();
            }
        });
        Assert.Equal("first", Assert.IsType<ChatTextDelta>(Assert.Single(seen)).Text);
    }

    [Fact]
    public async Task Missing_key_fails_permanently_without_calling_the_provider()
    {
        var deltas = await LlmTestKit.CollectAsync(Model(key: null), LlmTestKit.Hello());
        var failure = Assert.IsType<ChatFailed>(Assert.Single(deltas));
        Assert.Equal(ProviderFailureKind.Permanent, failure.Kind);
        Assert.StartsWith($"no API key for provider {Provider}: add an {Provider} credential or set ", failure.Message);
        Assert.Empty(Server.Requests);
    }
}

public sealed class OpenAiConformanceTests : ChatModelConformanceTests
{
    protected override string Provider => "openai";
    protected override string ExpectedPath => "/chat/completions";
    protected override IChatModelProvider CreateProvider(LlmProviderSettings settings) => new OpenAiCompatibleChatModelProvider(settings);

    protected override string TextStream(params string[] chunks) =>
        OpenAiSse.Role() + string.Concat(chunks.Select(OpenAiSse.Text)) + OpenAiSse.Finish("stop") + OpenAiSse.Usage(10, 3) + OpenAiSse.Done;

    protected override string TextThenMidStreamError(string text, string errorMessage) =>
        OpenAiSse.Text(text) + "data: {\"error\":{\"message\":" + OpenAiSse.Q(errorMessage) + ",\"code\":502}}\n\n";

    protected override string TextThenMalformed(string text) =>
        OpenAiSse.Text(text) + "data: {\"id\":\"chatcmpl-abc\",\"choices\":[{\"delta\":{\"content\":\"oops\"\n\n" + OpenAiSse.Done;

    protected override string ErrorBody(string message) => OpenAiSse.ErrorBody(message);
}

public sealed class AnthropicConformanceTests : ChatModelConformanceTests
{
    protected override string Provider => "anthropic";
    protected override string ExpectedPath => "/v1/messages";
    protected override IChatModelProvider CreateProvider(LlmProviderSettings settings) => new AnthropicChatModelProvider(settings);

    protected override string TextStream(params string[] chunks) =>
        AnthropicSse.MessageStart() + AnthropicSse.TextStart(0) + AnthropicSse.Ping() +
        string.Concat(chunks.Select(c => AnthropicSse.Text(0, c))) + AnthropicSse.Stop(0) +
        AnthropicSse.MessageDelta("end_turn", 12) + AnthropicSse.MessageStop();

    protected override string TextThenMidStreamError(string text, string errorMessage) =>
        AnthropicSse.MessageStart() + AnthropicSse.TextStart(0) + AnthropicSse.Text(0, text) + AnthropicSse.Error("overloaded_error", errorMessage);

    protected override string TextThenMalformed(string text) =>
        AnthropicSse.MessageStart() + AnthropicSse.TextStart(0) + AnthropicSse.Text(0, text) +
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_de\n\n" + AnthropicSse.MessageStop();

    protected override string ErrorBody(string message) => AnthropicSse.ErrorBody("authentication_error", message);
}
