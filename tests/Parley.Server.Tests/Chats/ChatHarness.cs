using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chats;

/// <summary>A server on a fresh SQLite store whose openai provider is a fake model on loopback.</summary>
public sealed class ChatHarness : IAsyncDisposable
{
    public FakeOpenAiServer Model { get; }
    public ParleyApp App { get; }
    public HttpClient Client { get; }

    private ChatHarness(FakeOpenAiServer model, ParleyApp app)
    {
        Model = model;
        App = app;
        Client = app.Client();
    }

    public static async Task<ChatHarness> StartAsync(Dictionary<string, string>? settings = null)
    {
        var model = await FakeOpenAiServer.StartAsync();
        var all = new Dictionary<string, string> { ["PARLEY_OPENAI_BASE_URL"] = model.BaseUrl, ["OPENAI_API_KEY"] = "sk-test-key" };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return new ChatHarness(model, new ParleyApp(StoreKind.Sqlite, settings: all));
    }

    public async Task<string> CreateAsync(string path, string json) =>
        (await Client.PostJsonAsync(path, json)).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();

    public async Task<JsonObject> ChatAsync(string json) =>
        (await Client.PostJsonAsync("/chat", json)).Expect(HttpStatusCode.Created).Object;

    public static string LastOutputText(JsonObject chat) =>
        chat["output"]!.AsArray().Last()!["content"]!.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Model.DisposeAsync();
    }
}
