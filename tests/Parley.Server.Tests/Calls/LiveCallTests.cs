using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// Live calls through the server: starting errors, control and listen URLs, malformed frames, μ-law and voice
/// fallback. The assistant speaks with the offline voice, so these run where eSpeak NG and PocketSphinx do.
/// </summary>
[Collection(OfflineVoiceCollection.Name)]
public sealed class LiveCallTests
{
    private const string OfflineAssistant = """
        {"name":"Live","firstMessage":"Hello there.","model":{"provider":"openai","model":"gpt-4o-mini"},
         "voice":{"provider":"vapi","voiceId":"Elliot"},"transcriber":{"provider":"vapi"}}
        """;

    [Fact]
    public async Task Connecting_to_an_unknown_call_or_without_a_websocket_is_a_clear_error()
    {
        await using var harness = await CallHarness.StartAsync();
        var plain = await harness.Client.GetJsonAsync($"/{Guid.NewGuid()}/transport");
        Assert.Equal(HttpStatusCode.NotFound, plain.Status);
        Assert.Equal("Call not found", plain.Object["message"]!.GetValue<string>());

        var unknown = await Assert.ThrowsAnyAsync<Exception>(() =>
            harness.App.Server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/{Guid.NewGuid()}/transport"), CancellationToken.None));
        Assert.Contains("404", unknown.Message);

        var control = await harness.Client.PostJsonAsync($"/{Guid.NewGuid()}/control", """{"type":"say","content":"hi"}""");
        Assert.Equal(HttpStatusCode.NotFound, control.Status);
        Assert.Equal("Call not found or not in progress", control.Object["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_voice_without_a_key_or_an_unknown_transcriber_fails_at_call_start_naming_what_is_missing()
    {
        await using var harness = await CallHarness.StartAsync();
        var noKey = await harness.CreateCallAsync("""{"name":"K","model":{"provider":"openai","model":"gpt-4o-mini"},"voice":{"provider":"11labs","voiceId":"abc"},"transcriber":{"provider":"vapi"}}""");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => harness.ConnectAsync(noKey));
        Assert.Contains("400", error.Message);

        // The same check answers a plain GET on the transport URL with the message.
        var status = await harness.Client.GetJsonAsync(new Uri(noKey["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, status.Status);
        Assert.Equal("voice.provider '11labs' needs an API key: add a credential with provider '11labs' (POST /credential) or set ELEVENLABS_API_KEY on the server",
            status.Messages[0]);

        var unknown = await harness.CreateCallAsync("""{"name":"U","model":{"provider":"openai","model":"gpt-4o-mini"},"voice":{"provider":"vapi","voiceId":"Elliot"},"transcriber":{"provider":"gladia"}}""");
        var unsupported = await harness.Client.GetJsonAsync(new Uri(unknown["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);
        Assert.Equal("transcriber.provider 'gladia' is not supported by this Parley server (supported: deepgram, custom-transcriber, vapi)", unsupported.Messages[0]);

        var call = (await harness.Client.GetJsonAsync("/call/" + noKey["id"])).Object;
        Assert.Equal("queued", call["status"]!.GetValue<string>());
    }

    /// <summary>POST /assistant refuses such a regex now; an assistant stored before that check still fails at the socket, not mid-call.</summary>
    [OfflineEngineFact]
    public async Task A_stored_replacement_regex_that_does_not_compile_fails_at_call_start_not_mid_call()
    {
        await using var harness = await CallHarness.StartAsync();
        var call = await harness.CreateCallAsync(OfflineAssistant);
        await harness.App.WriteRawBodyAsync(db => db.Assistants, call["assistantId"]!.GetValue<string>(),
            """{"name":"R","model":{"provider":"openai","model":"gpt-4o-mini"},"transcriber":{"provider":"vapi"},"voice":{"provider":"vapi","voiceId":"Elliot","chunkPlan":{"formatPlan":{"replacements":[{"type":"regex","regex":"(unclosed","value":"x"}]}}}}""");

        var status = await harness.Client.GetJsonAsync(new Uri(call["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);

        Assert.Equal(HttpStatusCode.BadRequest, status.Status);
        Assert.StartsWith("voice.chunkPlan.formatPlan.replacements.0.regex must be a valid regular expression (invalid regex '(unclosed': ", status.Messages[0]);
    }

    [OfflineEngineFact]
    public async Task A_fallback_voice_without_a_key_is_named_by_its_path()
    {
        await using var harness = await CallHarness.StartAsync();
        var call = await harness.CreateCallAsync("""{"name":"F","model":{"provider":"openai","model":"gpt-4o-mini"},"voice":{"provider":"openai","voiceId":"alloy","fallbackPlan":{"voices":[{"provider":"cartesia","voiceId":"x"}]}},"transcriber":{"provider":"vapi"}}""");
        var status = await harness.Client.GetJsonAsync(new Uri(call["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, status.Status);
        Assert.Equal("voice.fallbackPlan.voices[0].provider 'cartesia' needs an API key: add a credential with provider 'cartesia' (POST /credential) or set CARTESIA_API_KEY on the server",
            status.Messages[0]);
    }

    [OfflineEngineFact]
    public async Task Control_say_speaks_listen_streams_stereo_audio_and_end_call_ends_it()
    {
        await using var harness = await CallHarness.StartAsync();
        var call = await harness.CreateCallAsync(OfflineAssistant);
        var callId = call["id"]!.GetValue<string>();
        await using var caller = await harness.ConnectAsync(call);
        var silence = caller.SilenceAsync(TimeSpan.FromSeconds(6));

        var listen = await harness.App.Server.CreateWebSocketClient().ConnectAsync(CallHarness.Local(call["monitor"]!["listenUrl"]!.GetValue<string>()), CancellationToken.None);
        var heard = ReadListenAsync(listen);

        // The first message has been spoken before the control message asks for more.
        await caller.WaitForMessageAsync("transcript", m => m["role"]?.GetValue<string>() == "assistant", TimeSpan.FromSeconds(15));
        var say = await harness.Client.PostJsonAsync(new Uri(call["monitor"]!["controlUrl"]!.GetValue<string>()).AbsolutePath, """{"type":"say","content":"This is a control message."}""");
        Assert.Equal(HttpStatusCode.OK, say.Status);
        var bad = await harness.Client.PostJsonAsync($"/{callId}/control", """{"type":"control","control":"explode"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var empty = await harness.Client.PostJsonAsync($"/{callId}/control", """{"type":"say"}""");
        Assert.Equal("content must be a non-empty string (the text to say)", empty.Messages[0]);
        var sip = await harness.Client.PostJsonAsync($"/{callId}/control", """{"type":"send-transport-message","message":{"transport":"twilio","twiml":"<Response/>"}}""");
        Assert.Equal("send-transport-message carries SIP or Twilio messages; this call's transport is vapi.websocket", sip.Messages[0]);
        var handoff = await harness.Client.PostJsonAsync($"/{callId}/control", """{"type":"handoff","destination":{"type":"assistant","assistantName":"Billing"}}""");
        Assert.Equal("handoff is not supported: Parley does not switch assistants during a call (a transfer ends it as assistant-forwarded-call)", handoff.Messages[0]);
        var nobody = await harness.Client.PostJsonAsync($"/{callId}/control", """{"type":"add-message","message":{"role":"robot","content":"x"}}""");
        Assert.Equal("message.role must be one of the following values: system, developer, user, assistant, tool", nobody.Messages[0]);
        var garbage = await harness.Client.PostJsonAsync($"/{callId}/control", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        // The control message has been spoken before the call is ended, however slow the machine.
        await caller.WaitForMessageAsync("transcript", m => m["transcript"]?.GetValue<string>() == "This is a control message.", TimeSpan.FromSeconds(15));
        await silence;
        var end = await harness.Client.PostJsonAsync($"/{callId}/control", """{"type":"end-call"}""");
        Assert.Equal(HttpStatusCode.OK, end.Status);
        await caller.WaitForCloseAsync(TimeSpan.FromSeconds(15));

        var finals = caller.MessagesOfType("transcript").Where(m => m["role"]!.GetValue<string>() == "assistant").Select(m => m["transcript"]!.GetValue<string>()).ToList();
        Assert.Equal(["Hello there.", "This is a control message."], finals);
        var (audioBytes, assistantPeak, messages) = await heard;
        Assert.True(audioBytes > 16000 * 4, $"the listen socket carried only {audioBytes} bytes of stereo audio");
        Assert.True(assistantPeak > 1000, "the assistant channel of the listen stream is silent");
        Assert.Contains("speech-update", messages);

        var ended = await harness.EndedCallAsync(callId);
        Assert.Equal("customer-ended-call", ended["endedReason"]!.GetValue<string>());
        Assert.Contains("AI: This is a control message.", ended["transcript"]!.GetValue<string>());
    }

    [OfflineEngineFact]
    public async Task A_second_connection_to_a_running_call_is_refused_and_the_first_goes_on()
    {
        await using var harness = await CallHarness.StartAsync();
        var call = await harness.CreateCallAsync(OfflineAssistant);
        await using var caller = await harness.ConnectAsync(call);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));

        var second = await Assert.ThrowsAnyAsync<Exception>(() => harness.ConnectAsync(call));
        Assert.Contains("400", second.Message);
        var reason = await harness.Client.GetJsonAsync(new Uri(call["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);
        Assert.Equal($"call {call["id"]} is already connected: a call's transport can be connected once", reason.Messages[0]);

        await caller.SilenceAsync(TimeSpan.FromSeconds(1));
        await caller.WaitForAssistantWordsAsync(TimeSpan.FromSeconds(15));
        await caller.EndCallAsync(TimeSpan.FromSeconds(15));
        var ended = await harness.EndedCallAsync(call["id"]!.GetValue<string>());
        Assert.Equal("customer-ended-call", ended["endedReason"]!.GetValue<string>());
        Assert.Contains("AI: Hello there.", ended["transcript"]!.GetValue<string>());

        var afterwards = await harness.Client.GetJsonAsync(new Uri(call["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);
        Assert.StartsWith($"call {call["id"]} is ended", afterwards.Messages[0]);
    }

    /// <summary>A call created while every slot was taken: blocked, ended, and saying why, as Vapi's is.</summary>
    private static void AssertBlockedByConcurrency(JsonNode call)
    {
        Assert.True(call["subscriptionLimits"]!["concurrencyBlocked"]!.GetValue<bool>());
        Assert.Equal("ended", call["status"]!.GetValue<string>());
        Assert.Equal("call.start.error-subscription-concurrency-limit-reached", call["endedReason"]!.GetValue<string>());
    }

    [OfflineEngineFact]
    public async Task An_org_at_its_own_limit_is_blocked_while_another_org_still_starts_calls()
    {
        await using var harness = await CallHarness.StartAsync(new() { ["Parley:OrgCallConcurrencyLimit"] = "1" });
        var running = await harness.CreateCallAsync(OfflineAssistant);
        Assert.Equal(1, running["subscriptionLimits"]!["concurrencyLimit"]!.GetValue<int>());
        await using var caller = await harness.ConnectAsync(running);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));

        var blocked = await harness.CreateCallAsync(OfflineAssistant);
        AssertBlockedByConcurrency(blocked);

        // Another org sees its own slot free, and nothing of the first org's call.
        var (_, otherKey, _) = await harness.App.AddOrgAsync();
        var otherCall = await harness.CreateCallAsync(OfflineAssistant, asOrg: harness.App.Client(otherKey));
        Assert.Equal("queued", otherCall["status"]!.GetValue<string>());
        Assert.False(otherCall["subscriptionLimits"]!["concurrencyBlocked"]!.GetValue<bool>());
        Assert.Equal(1, otherCall["subscriptionLimits"]!["remainingConcurrentCalls"]!.GetValue<int>());

        await caller.EndCallAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>
    /// Starts a call of the offline assistant that sends <paramref name="serverMessages"/> to the harness's webhook
    /// server, connects a caller and waits until the greeting is heard.
    /// </summary>
    private static async Task<GreetedCall> GreetedCallWithWebhooksAsync(CallHarness harness, params string[] serverMessages)
    {
        var assistant = JsonNode.Parse(OfflineAssistant)!.AsObject();
        assistant["server"] = new JsonObject { ["url"] = harness.Webhooks.BaseUrl + "/events" };
        assistant["serverMessages"] = new JsonArray(serverMessages.Select(m => (JsonNode?)m).ToArray());
        var call = await harness.CreateCallAsync(assistant.ToJsonString());
        var caller = await harness.ConnectAsync(call);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));
        await caller.WaitForAssistantWordsAsync(TimeSpan.FromSeconds(15));
        return new GreetedCall(call["id"]!.GetValue<string>(), call, caller);
    }

    /// <summary>A started call and its connected caller, hung up when disposed.</summary>
    private sealed record GreetedCall(string CallId, JsonObject Call, WebSocketCaller Caller) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Caller.DisposeAsync();
    }

    [OfflineEngineFact]
    public async Task Conversation_updates_reach_the_webhook_server_with_the_whole_history_in_both_formats()
    {
        await using var harness = await CallHarness.StartAsync();
        await using var greeted = await GreetedCallWithWebhooksAsync(harness, "conversation-update");
        var (call, caller) = (greeted.Call, greeted.Caller);
        await caller.EndCallAsync(TimeSpan.FromSeconds(15));
        await harness.EndedCallAsync(call["id"]!.GetValue<string>());

        // The history goes out as frozen JSON: the webhook's body must still carry every message, as objects.
        var update = harness.Webhooks.Requests.Select(r => r.Json["message"]!).Last(m => m["type"]!.GetValue<string>() == "conversation-update");
        var said = update["messages"]!.AsArray().Last()!;
        Assert.Equal("bot", said["role"]!.GetValue<string>());
        Assert.Equal("Hello there.", said["message"]!.GetValue<string>());
        Assert.Equal("assistant", update["messagesOpenAIFormatted"]!.AsArray().Last()!["role"]!.GetValue<string>());
        Assert.Equal(call["id"]!.GetValue<string>(), update["call"]!["id"]!.GetValue<string>());
    }

    [OfflineEngineFact]
    public async Task A_custom_llm_in_a_call_gets_the_call_in_progress_the_customer_and_the_metadata()
    {
        await using var harness = await CallHarness.StartAsync();
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Says("Hello from my own model.").Says("The assistant greeted the caller.");
        llm.Usage = (120, 7);
        var call = await harness.CreateCallAsync("""
            {"name":"Own","metadata":{"tenant":"acme"},"firstMessageMode":"assistant-speaks-first-with-model-generated-message",
             "model":{"provider":"custom-llm","model":"my-model","url":"URL"},
             "analysisPlan":{"minMessagesThreshold":1,"successEvaluationPlan":{"enabled":false}},
             "voice":{"provider":"vapi","voiceId":"Elliot"},"transcriber":{"provider":"vapi"}}
            """.Replace("URL", llm.BaseUrl), callFields: new JsonObject { ["customer"] = new JsonObject { ["number"] = "+15550100" } });
        var callId = call["id"]!.GetValue<string>();
        await using var caller = await harness.ConnectAsync(call);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));
        await caller.WaitForAssistantWordsAsync(TimeSpan.FromSeconds(15));
        await caller.EndCallAsync(TimeSpan.FromSeconds(15));
        var ended = await harness.EndedCallAsync(callId);

        // The record keeps what the call used, as its end-of-call report gave it: the greeting's 24 characters voiced,
        // the greeting's model request and the summary's, each 120 prompt and 7 completion tokens.
        Assert.Equal(["transport", "transcriber", "model", "voice", "analysis"], ended["costs"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
        var used = ended["costBreakdown"]!;
        Assert.Equal(24, used["ttsCharacters"]!.GetValue<long>());
        Assert.Equal(120, used["llmPromptTokens"]!.GetValue<long>());
        Assert.Equal(7, used["llmCompletionTokens"]!.GetValue<long>());
        Assert.Equal(120, used["analysisCostBreakdown"]!["summaryPromptTokens"]!.GetValue<int>());
        Assert.Equal("summary", ended["costs"]![4]!["analysisType"]!.GetValue<string>());
        Assert.Equal("custom-llm", ended["costs"]![2]!["model"]!["provider"]!.GetValue<string>());
        Assert.Equal("The assistant greeted the caller.", ended["analysis"]!["summary"]!.GetValue<string>());
        var request = llm.Requests.First();
        Assert.Equal("acme", request["metadata"]!["tenant"]!.GetValue<string>());
        Assert.Equal(callId, request["call"]!["id"]!.GetValue<string>());
        Assert.Equal("in-progress", request["call"]!["status"]!.GetValue<string>());
        Assert.Equal("+15550100", request["customer"]!["number"]!.GetValue<string>());
        Assert.Empty(harness.Model.Requests);
    }

    [OfflineEngineFact]
    public async Task A_transfer_through_the_control_url_is_announced_recorded_and_ends_the_call_as_forwarded()
    {
        await using var harness = await CallHarness.StartAsync();
        await using var greeted = await GreetedCallWithWebhooksAsync(harness, "transfer-update", "status-update", "end-of-call-report");
        var (callId, caller) = (greeted.CallId, greeted.Caller);

        var transfer = await harness.Client.PostJsonAsync($"/{callId}/control",
            """{"type":"transfer","destination":{"type":"number","number":"+15550199"},"content":"Putting you through."}""");
        Assert.Equal(HttpStatusCode.OK, transfer.Status);
        // The announcement is said before the line is handed over.
        await caller.WaitForMessageAsync("transcript", m => m["transcript"]?.GetValue<string>() == "Putting you through.", TimeSpan.FromSeconds(20));
        var ended = await harness.EndedCallAsync(callId);

        Assert.Equal("assistant-forwarded-call", ended["endedReason"]!.GetValue<string>());
        Assert.Equal("+15550199", ended["destination"]!["number"]!.GetValue<string>());
        Assert.Equal("+15550199", ended["artifact"]!["transfers"]![0]!["destination"]!["number"]!.GetValue<string>());
        var messages = harness.Webhooks.Requests.Select(r => r.Json["message"]!).ToList();
        var update = Assert.Single(messages, m => m["type"]!.GetValue<string>() == "transfer-update");
        Assert.Equal("+15550199", update["destination"]!["number"]!.GetValue<string>());
        var report = Assert.Single(messages, m => m["type"]!.GetValue<string>() == "end-of-call-report");
        Assert.Equal("+15550199", report["destination"]!["number"]!.GetValue<string>());
        // Vapi's forwarding status: where to, and the conversation so far (the greeting).
        var forwarding = Assert.Single(messages, m => m["type"]!.GetValue<string>() == "status-update" && m["status"]!.GetValue<string>() == "forwarding");
        Assert.Equal("+15550199", forwarding["destination"]!["number"]!.GetValue<string>());
        Assert.Equal("Hello there.", forwarding["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "bot")!["message"]!.GetValue<string>());
        Assert.Equal("assistant", forwarding["messagesOpenAIFormatted"]!.AsArray().Last()!["role"]!.GetValue<string>());
        Assert.Equal("AI: Hello there.", forwarding["transcript"]!.GetValue<string>());
    }

    [OfflineEngineFact]
    public async Task Webhooks_carry_the_call_as_it_stands_in_progress_mid_call_and_ended_in_the_report()
    {
        await using var harness = await CallHarness.StartAsync();
        await using var greeted = await GreetedCallWithWebhooksAsync(harness, "status-update", "speech-update", "end-of-call-report");
        var (callId, caller) = (greeted.CallId, greeted.Caller);
        await caller.EndCallAsync(TimeSpan.FromSeconds(15));
        var ended = await harness.EndedCallAsync(callId);

        var messages = harness.Webhooks.Requests.Select(r => r.Json["message"]!).ToList();
        JsonNode CallIn(string type, string? status = null) => messages.First(m =>
            m["type"]!.GetValue<string>() == type && (status is null || m["status"]!.GetValue<string>() == status))["call"]!;
        foreach (var midCall in new[] { CallIn("status-update", "in-progress"), CallIn("speech-update") })
        {
            Assert.Equal(callId, midCall["id"]!.GetValue<string>());
            Assert.Equal("in-progress", midCall["status"]!.GetValue<string>());
            Assert.Equal(ended["startedAt"]!.GetValue<string>(), midCall["startedAt"]!.GetValue<string>());
            Assert.Null(midCall["endedReason"]);
        }
        foreach (var atTheEnd in new[] { CallIn("status-update", "ended"), CallIn("end-of-call-report") })
        {
            Assert.Equal("ended", atTheEnd["status"]!.GetValue<string>());
            Assert.Equal("customer-ended-call", atTheEnd["endedReason"]!.GetValue<string>());
            foreach (var field in new[] { "endedReason", "startedAt", "endedAt", "type", "createdAt" })
                Assert.Equal(ended[field]!.GetValue<string>(), atTheEnd[field]!.GetValue<string>());
        }
    }

    [OfflineEngineFact]
    public async Task At_the_concurrency_limit_a_new_call_is_blocked_and_a_queued_one_told_to_try_again_later()
    {
        await using var harness = await CallHarness.StartAsync(new() { ["Parley:CallConcurrencyLimit"] = "1" });
        var queued = await harness.CreateCallAsync(OfflineAssistant);
        var running = await harness.CreateCallAsync(OfflineAssistant);
        Assert.Equal(1, running["subscriptionLimits"]!["remainingConcurrentCalls"]!.GetValue<int>());
        await using var caller = await harness.ConnectAsync(running);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));

        // A call created now is blocked, as Vapi blocks a call over an account's concurrency: ended, and it says why.
        var blocked = await harness.CreateCallAsync(OfflineAssistant);
        AssertBlockedByConcurrency(blocked);
        Assert.Equal(0, blocked["subscriptionLimits"]!["remainingConcurrentCalls"]!.GetValue<int>());
        // A scheduled call starts later: today's load does not block it.
        var scheduled = await harness.CreateCallAsync(OfflineAssistant,
            callFields: new JsonObject { ["schedulePlan"] = new JsonObject { ["earliestAt"] = "2030-01-01T00:00:00.000Z" } });
        Assert.Equal("scheduled", scheduled["status"]!.GetValue<string>());
        Assert.False(scheduled["subscriptionLimits"]!["concurrencyBlocked"]!.GetValue<bool>());
        // A call already queued is refused before its socket opens and stays queued for later.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => harness.ConnectAsync(queued));
        Assert.Contains("429", refused.Message);
        var reason = await harness.Client.GetJsonAsync(new Uri(queued["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);
        Assert.Equal(HttpStatusCode.TooManyRequests, reason.Status);
        Assert.Contains("limit of 1 concurrent calls", reason.Messages[0]);
        // Only a call's own URL learns that the server is full: an unknown id is still a 404.
        Assert.Equal(HttpStatusCode.NotFound, (await harness.Client.GetJsonAsync($"/{Guid.NewGuid()}/transport")).Status);

        await caller.EndCallAsync(TimeSpan.FromSeconds(15));
        await harness.EndedCallAsync(running["id"]!.GetValue<string>());
        await using var later = await harness.ConnectAsync(queued);
        await later.SilenceAsync(TimeSpan.FromSeconds(1));
        await later.EndCallAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("customer-ended-call", (await harness.EndedCallAsync(queued["id"]!.GetValue<string>()))["endedReason"]!.GetValue<string>());
    }

    [OfflineEngineFact]
    public async Task MonitorPlan_can_require_the_orgs_key_for_control_and_turn_listening_off()
    {
        await using var harness = await CallHarness.StartAsync();
        var assistant = JsonNode.Parse(OfflineAssistant)!.AsObject();
        assistant["monitorPlan"] = JsonNode.Parse("""{"controlAuthenticationEnabled":true,"listenEnabled":false}""");
        var call = await harness.CreateCallAsync(assistant.ToJsonString());
        var callId = call["id"]!.GetValue<string>();
        await using var caller = await harness.ConnectAsync(call);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));

        using var anonymous = harness.App.CreateClient();
        var refused = await anonymous.PostJsonAsync($"/{callId}/control", """{"type":"say","content":"hi"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        var (_, otherKey, _) = await harness.App.AddOrgAsync();
        var otherOrg = await harness.App.Client(otherKey).PostJsonAsync($"/{callId}/control", """{"type":"say","content":"hi"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, otherOrg.Status);
        var allowed = await harness.Client.PostJsonAsync($"/{callId}/control", """{"type":"say","content":"hi"}""");
        Assert.Equal(HttpStatusCode.OK, allowed.Status);

        var listen = await Assert.ThrowsAnyAsync<Exception>(() =>
            harness.App.Server.CreateWebSocketClient().ConnectAsync(CallHarness.Local(call["monitor"]!["listenUrl"]!.GetValue<string>()), CancellationToken.None));
        Assert.Contains("403", listen.Message);

        await caller.EndCallAsync(TimeSpan.FromSeconds(15));
    }

    [OfflineEngineFact]
    public async Task A_first_message_given_as_a_wav_url_is_played_as_it_is()
    {
        // Half a second of a ramp at 16 kHz: 25 whole frames, easy to recognise sample for sample.
        var ramp = Enumerable.Range(0, 8000).Select(i => (short)(i * 4 - 16000)).ToArray();
        using var file = new MemoryStream();
        var writer = new Parley.Core.Calls.Audio.WavWriter(file, 16000, 1);
        writer.Write(ramp);
        writer.Complete();
        var wav = file.ToArray();
        await using var files = await RecordingServer.StartAsync(r => r.Path == "/hello.wav" ? Results.Bytes(wav, "audio/wav") : Results.Text("not audio"));
        await using var harness = await CallHarness.StartAsync();
        var assistant = JsonNode.Parse(OfflineAssistant)!.AsObject();
        assistant["firstMessage"] = files.BaseUrl + "/hello.wav";
        var call = await harness.CreateCallAsync(assistant.ToJsonString());
        await using var caller = await harness.ConnectAsync(call);
        var silence = caller.SilenceAsync(TimeSpan.FromSeconds(2));

        for (var i = 0; i < 100 && caller.AssistantAudio.Sum(a => a.Samples.Length) < ramp.Length; i++) await Task.Delay(50);
        await silence;
        await caller.EndCallAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(ramp, caller.AssistantAudio.SelectMany(a => a.Samples).Take(ramp.Length));
        // Not a WAV: the call is refused with the reason, before its socket is accepted.
        assistant["firstMessage"] = files.BaseUrl + "/hello.mp3";
        var refused = await harness.CreateCallAsync(assistant.ToJsonString());
        var dryRun = await harness.Client.GetJsonAsync(new Uri(refused["transport"]!["websocketCallUrl"]!.GetValue<string>()).AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, dryRun.Status);
        Assert.StartsWith($"firstMessage: the audio at {files.BaseUrl}/hello.mp3 is not a PCM16 WAV file", dryRun.Messages[0]);
    }

    [OfflineEngineFact]
    public async Task Malformed_frames_are_skipped_and_counted_and_the_call_goes_on()
    {
        await using var harness = await CallHarness.StartAsync();
        var assistant = JsonNode.Parse(OfflineAssistant)!.AsObject();
        var hookServer = harness.Webhooks.BaseUrl + "/hook";
        // The hook's tool is a saved one, named by toolId.
        var tool = await harness.Client.PostJsonAsync("/tool", """{"type":"function","function":{"name":"log_call_end"},"server":{"url":"HOOK"}}""".Replace("HOOK", hookServer));
        assistant["hooks"] = JsonNode.Parse("""[{"on":"call.ending","do":[{"type":"tool","toolId":"ID"}]}]""".Replace("ID", tool.Object["id"]!.GetValue<string>()));
        var call = await harness.CreateCallAsync(assistant.ToJsonString());
        await using var caller = await harness.ConnectAsync(call);
        await caller.SendRawAsync([1, 2, 3], WebSocketMessageType.Binary);
        await caller.SendRawAsync("not json"u8.ToArray(), WebSocketMessageType.Text);
        await caller.SendRawAsync("""{"no":"type"}"""u8.ToArray(), WebSocketMessageType.Text);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));
        await caller.WaitForAssistantWordsAsync(TimeSpan.FromSeconds(15));
        await caller.EndCallAsync(TimeSpan.FromSeconds(15));

        Assert.NotEmpty(caller.AssistantAudio);
        var ended = await harness.EndedCallAsync(call["id"]!.GetValue<string>());
        Assert.Equal("customer-ended-call", ended["endedReason"]!.GetValue<string>());
        Assert.Equal(3, ended["transportDiagnostics"]!["malformedFramesSkipped"]!.GetValue<int>());
        Assert.Contains(caller.MessagesOfType("status-update"), m => m["status"]!.GetValue<string>() == "ended");

        // The call.ending hook ran its function tool: a tool-calls message reached the tool's server.
        // The hook's request runs alongside the end of the call; the deadline only stops a broken test from hanging.
        for (var i = 0; i < 100 && !harness.Webhooks.Requests.Any(r => r.Path == "/hook"); i++) await Task.Delay(50);
        var paths = string.Join(",", harness.Webhooks.Requests.Select(q => q.Method + " " + q.Path));
        Assert.True(harness.Webhooks.Requests.Count(r => r.Path == "/hook") == 1, "requests the webhook server got: " + paths);
        var hook = harness.Webhooks.Requests.Single(r => r.Path == "/hook");
        Assert.Equal("tool-calls", hook.Json["message"]!["type"]!.GetValue<string>());
        Assert.Equal("log_call_end", hook.Json["message"]!["toolCallList"]![0]!["function"]!["name"]!.GetValue<string>());
    }

    [OfflineEngineFact]
    public async Task A_mulaw_call_at_8_kHz_gets_mulaw_frames_of_20_ms()
    {
        await using var harness = await CallHarness.StartAsync();
        var call = await harness.CreateCallAsync(OfflineAssistant, sampleRate: 8000, format: "mulaw");
        var socket = await harness.App.Server.CreateWebSocketClient().ConnectAsync(CallHarness.Local(call["transport"]!["websocketCallUrl"]!.GetValue<string>()), CancellationToken.None);
        var frames = new List<byte[]>();
        var buffer = new byte[4096];
        var silence = new byte[160];
        Array.Fill(silence, (byte)0xFF);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var sending = Task.Run(async () =>
        {
            while (!deadline.IsCancellationRequested && socket.State == WebSocketState.Open && frames.Count < 50)
            {
                await socket.SendAsync(silence, WebSocketMessageType.Binary, true, CancellationToken.None);
                await Task.Delay(20);
            }
        });
        while (frames.Count < 50)
        {
            var result = await socket.ReceiveAsync(buffer, deadline.Token);
            if (result.MessageType == WebSocketMessageType.Binary) lock (frames) frames.Add(buffer[..result.Count]);
        }
        await sending;
        Assert.All(frames, f => Assert.Equal(160, f.Length));
        // μ-law silence is 0xFF/0x7F; speech spreads over the code space.
        Assert.True(frames.SelectMany(f => f).Distinct().Count() > 40, "the μ-law frames do not look like speech");
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
    }

    [OfflineEngineFact]
    public async Task A_voice_that_cannot_connect_falls_back_to_the_next_and_the_artifact_says_so()
    {
        await using var harness = await CallHarness.StartAsync(new() { ["ELEVENLABS_API_KEY"] = "el-test", ["PARLEY_ELEVENLABS_BASE_URL"] = "http://127.0.0.1:9" });
        var call = await harness.CreateCallAsync("""
            {"name":"Fallback","firstMessage":"Hello there.","model":{"provider":"openai","model":"gpt-4o-mini"},
             "voice":{"provider":"11labs","voiceId":"abc","fallbackPlan":{"voices":[{"provider":"vapi","voiceId":"Elliot"}]}},"transcriber":{"provider":"vapi"}}
            """);
        await using var caller = await harness.ConnectAsync(call);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));
        await caller.WaitForAssistantWordsAsync(TimeSpan.FromSeconds(15));
        await caller.EndCallAsync(TimeSpan.FromSeconds(15));

        Assert.True(caller.AssistantAudio.Count > 20, "the fallback voice did not speak the first message");
        var ended = await harness.EndedCallAsync(call["id"]!.GetValue<string>());
        Assert.Equal("customer-ended-call", ended["endedReason"]!.GetValue<string>());
        var voices = ended["artifact"]!["speechProviders"]!["voices"]!.AsArray();
        Assert.Equal("11labs", voices[0]!["provider"]!.GetValue<string>());
        Assert.NotNull(voices[0]!["failed"]);
        Assert.Equal("vapi", voices[1]!["provider"]!.GetValue<string>());
        Assert.Contains("AI: Hello there.", ended["transcript"]!.GetValue<string>());
    }

    [OfflineEngineFact]
    public async Task A_transcriber_that_cannot_connect_falls_back_and_the_callers_words_still_arrive()
    {
        await using var transcriber = await FakeCustomTranscriberAsync("book a table for two");
        await using var harness = await CallHarness.StartAsync();
        harness.Model.Says("Sure.");
        var wsUrl = transcriber.BaseUrl.Replace("http://", "ws://") + "/transcribe";
        var call = await harness.CreateCallAsync("""
            {"name":"SttFallback","model":{"provider":"openai","model":"gpt-4o-mini"},"voice":{"provider":"vapi","voiceId":"Elliot"},
             "transcriber":{"provider":"custom-transcriber","server":{"url":"ws://127.0.0.1:9/down"},
               "fallbackPlan":{"transcribers":[{"provider":"custom-transcriber","server":{"url":"FALLBACK"}}]}},
             "analysisPlan":{"summaryPlan":{"enabled":false},"successEvaluationPlan":{"enabled":false}}}
            """.Replace("FALLBACK", wsUrl));
        var line = await WebSocketCaller.SpeakAsync("i would like to book a table for two people", 16000);
        await using var caller = await harness.ConnectAsync(call);
        await caller.SilenceAsync(TimeSpan.FromSeconds(1));
        await caller.StreamAsync(line);
        await caller.SilenceAsync(TimeSpan.FromSeconds(4));
        await caller.EndCallAsync(TimeSpan.FromSeconds(15));

        var heard = harness.Model.Requests.First()["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        Assert.Equal("book a table for two", heard);
        var ended = await harness.EndedCallAsync(call["id"]!.GetValue<string>());
        var transcribers = ended["artifact"]!["speechProviders"]!["transcribers"]!.AsArray();
        Assert.Equal(2, transcribers.Count);
        Assert.NotNull(transcribers[0]!["failed"]);
        Assert.Null(transcribers[1]!["failed"]);
    }

    /// <summary>Vapi's custom-transcriber protocol: after the start message and 2.5 s of stereo audio, one final transcript.</summary>
    private static Task<LoopbackServer> FakeCustomTranscriberAsync(string transcript) => LoopbackServer.StartAsync(app =>
    {
        app.UseWebSockets();
        app.Map("/transcribe", async (HttpContext http) =>
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[64 * 1024];
            long audioBytes = 0;
            var sent = false;
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (result.MessageType != WebSocketMessageType.Binary) continue;
                audioBytes += result.Count;
                // 16 kHz, 2 channels, 2 bytes: 64,000 bytes a second.
                if (!sent && audioBytes >= 64000 * 5 / 2)
                {
                    sent = true;
                    var message = $$"""{"type":"transcriber-response","transcription":"{{transcript}}","channel":"customer"}""";
                    await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
        });
    });

    [OfflineEngineFact]
    public async Task When_every_voice_fails_the_call_ends_with_the_voice_failed_reason()
    {
        await using var harness = await CallHarness.StartAsync(new() { ["ELEVENLABS_API_KEY"] = "el-test", ["PARLEY_ELEVENLABS_BASE_URL"] = "http://127.0.0.1:9" });
        var call = await harness.CreateCallAsync("""
            {"name":"NoVoice","firstMessage":"Hello there.","model":{"provider":"openai","model":"gpt-4o-mini"},
             "voice":{"provider":"11labs","voiceId":"abc"},"transcriber":{"provider":"vapi"}}
            """);
        await using var caller = await harness.ConnectAsync(call);
        var streaming = caller.SilenceAsync(TimeSpan.FromSeconds(10));
        await caller.WaitForCloseAsync(TimeSpan.FromSeconds(15));

        var ended = await harness.EndedCallAsync(call["id"]!.GetValue<string>());
        Assert.Equal("pipeline-error-eleven-labs-voice-failed", ended["endedReason"]!.GetValue<string>());
        Assert.Contains("11labs", ended["artifact"]!["speechProviders"]!["voices"]![0]!["failed"]!.GetValue<string>());
    }

    [OfflineEngineFact]
    public async Task When_a_voice_and_its_fallback_fail_the_ended_reason_names_the_fallback_that_failed_last()
    {
        await using var harness = await CallHarness.StartAsync(new()
        {
            ["ELEVENLABS_API_KEY"] = "el-test", ["PARLEY_ELEVENLABS_BASE_URL"] = "http://127.0.0.1:9",
            ["CARTESIA_API_KEY"] = "ca-test", ["PARLEY_CARTESIA_BASE_URL"] = "http://127.0.0.1:9",
        });
        var call = await harness.CreateCallAsync("""
            {"name":"NoVoices","firstMessage":"Hello there.","model":{"provider":"openai","model":"gpt-4o-mini"},
             "voice":{"provider":"11labs","voiceId":"abc","fallbackPlan":{"voices":[{"provider":"cartesia","voiceId":"def"}]}},
             "transcriber":{"provider":"vapi"}}
            """);
        await using var caller = await harness.ConnectAsync(call);
        var streaming = caller.SilenceAsync(TimeSpan.FromSeconds(10));
        await caller.WaitForCloseAsync(TimeSpan.FromSeconds(15));

        var ended = await harness.EndedCallAsync(call["id"]!.GetValue<string>());
        Assert.Equal("pipeline-error-cartesia-voice-failed", ended["endedReason"]!.GetValue<string>());
        var voices = ended["artifact"]!["speechProviders"]!["voices"]!.AsArray();
        Assert.Equal(["11labs", "cartesia"], voices.Select(v => v!["provider"]!.GetValue<string>()));
    }

    private static async Task<(long AudioBytes, int AssistantPeak, HashSet<string> MessageTypes)> ReadListenAsync(WebSocket socket)
    {
        long bytes = 0;
        var peak = 0;
        var types = new HashSet<string>();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    bytes += result.Count;
                    for (var i = 2; i + 1 < result.Count; i += 4) peak = Math.Max(peak, Math.Abs((int)BitConverter.ToInt16(buffer, i)));
                }
                else if (JsonNode.Parse(buffer.AsSpan(0, result.Count)) is JsonObject m) types.Add(m["type"]!.GetValue<string>());
            }
        }
        catch (WebSocketException)
        {
        }
        return (bytes, peak, types);
    }
}
