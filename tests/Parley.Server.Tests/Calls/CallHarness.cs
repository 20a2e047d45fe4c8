using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>A server on a fresh SQLite store with a fake OpenAI model and a webhook server, ready to place WebSocket calls.</summary>
public sealed class CallHarness : IAsyncDisposable
{
    public FakeOpenAiServer Model { get; }
    public RecordingServer Webhooks { get; }
    public ParleyApp App { get; }
    public HttpClient Client { get; }

    private CallHarness(FakeOpenAiServer model, RecordingServer webhooks, ParleyApp app)
    {
        Model = model;
        Webhooks = webhooks;
        App = app;
        Client = app.Client();
    }

    public static async Task<CallHarness> StartAsync(Dictionary<string, string>? settings = null)
    {
        var model = await FakeOpenAiServer.StartAsync();
        var webhooks = await RecordingServer.StartAsync();
        var all = new Dictionary<string, string> { ["PARLEY_OPENAI_BASE_URL"] = model.BaseUrl, ["OPENAI_API_KEY"] = "sk-test-key" };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        var app = new ParleyApp(StoreKind.Sqlite, settings: all);
        return new CallHarness(model, webhooks, app);
    }

    /// <summary>
    /// Creates a vapi.websocket call for the assistant JSON and returns the call object; as another org when given its
    /// client, with <paramref name="callFields"/> added to the request (a schedulePlan, say).
    /// </summary>
    public async Task<JsonObject> CreateCallAsync(string assistantJson, int sampleRate = 16000, string format = "pcm_s16le",
        HttpClient? asOrg = null, JsonObject? callFields = null)
    {
        var client = asOrg ?? Client;
        var assistantId = (await client.PostJsonAsync("/assistant", assistantJson)).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
        var body = new JsonObject
        {
            ["assistantId"] = assistantId,
            ["transport"] = new JsonObject
            {
                ["provider"] = "vapi.websocket",
                ["audioFormat"] = new JsonObject { ["format"] = format, ["container"] = "raw", ["sampleRate"] = sampleRate },
            },
        };
        foreach (var (name, value) in callFields ?? []) body[name] = value?.DeepClone();
        return (await client.PostJsonAsync("/call", body.ToJsonString())).Expect(HttpStatusCode.Created).Object;
    }

    /// <summary>The in-process server's WebSocket URL for a path.</summary>
    public static Uri Local(string url) => new("ws://localhost" + new Uri(url).AbsolutePath);

    /// <summary>Connects to a call's websocketCallUrl through the in-process server.</summary>
    public async Task<WebSocketCaller> ConnectAsync(JsonObject call, int sampleRate = 16000)
    {
        var url = new Uri(call["transport"]!["websocketCallUrl"]!.GetValue<string>());
        var socket = await App.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost" + url.AbsolutePath), CancellationToken.None);
        return new WebSocketCaller(socket, sampleRate);
    }

    /// <summary>
    /// Polls the call until it has ended (the record is written just after the socket closes, once the end-of-call
    /// analysis is done). The 30 s deadline only stops a broken test from hanging: CI runs the test assemblies side by
    /// side on two cores, where a live call's steps took several times as long as alone.
    /// </summary>
    public async Task<JsonObject> EndedCallAsync(string callId)
    {
        for (var i = 0; i < 600; i++)
        {
            var call = (await Client.GetJsonAsync("/call/" + callId)).Expect(HttpStatusCode.OK).Object;
            if (call["status"]?.GetValue<string>() == "ended") return call;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("the call never reached status ended");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Model.DisposeAsync();
    }
}
