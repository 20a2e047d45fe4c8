using System.Text.Json.Nodes;
using Parley.Core.Http;
using Parley.Core.ServerMessages;
using Parley.Core.Tests.Support;
using Parley.Core.Tests.Tools;

namespace Parley.Core.Tests.ServerMessages;

// Invariant: the custom endpointing model asks the plan's server (else the assistant's) with call.endpointing.request
// and the messages so far, and takes only a timeoutSeconds Vapi allows (0 to 15) from a successful answer.
public sealed class ServerEndpointingModelTests
{
    private sealed class AnsweringServer(OutboundResult answer) : IOutboundRequestSender
    {
        public List<OutboundRequest> Requests { get; } = [];

        public Task<OutboundResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answer);
        }
    }

    private static OutboundResult Json(int status, string body) => new OutboundResponse(status, new Dictionary<string, string>(), body, JsonNode.Parse(body));

    private static readonly JsonObject Plan = JsonNode.Parse("""{"provider":"custom-endpointing-model","server":{"url":"https://endpointing.example/turn"}}""")!.AsObject();

    private static async Task<(TimeSpan? Timeout, AnsweringServer Server)> AskAsync(OutboundResult answer, JsonObject? plan = null, JsonObject? assistant = null)
    {
        var server = new AnsweringServer(answer);
        var context = TestContexts.Create(assistant);
        var model = ServerEndpointingModel.For(new ServerMessenger(server, new FakeTemplateRenderer()), context, plan ?? Plan)!;
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = "Hello, how are you?", ["time"] = 1, ["secondsFromStart"] = 0 });
        return (await model.TimeoutAsync(messages, CancellationToken.None), server);
    }

    [Fact]
    public async Task The_request_goes_to_the_plans_server_with_the_messages_and_the_answer_sets_the_timeout()
    {
        var (timeout, server) = await AskAsync(Json(200, """{"timeoutSeconds":0.5}"""));

        Assert.Equal(TimeSpan.FromSeconds(0.5), timeout);
        var request = Assert.Single(server.Requests);
        Assert.Equal("https://endpointing.example/turn", request.Url);
        var message = ((JsonObject)request.Body!)["message"]!;
        Assert.Equal("call.endpointing.request", message["type"]!.GetValue<string>());
        Assert.Equal("Hello, how are you?", message["messages"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_server_of_its_own_the_plan_asks_the_assistants()
    {
        var assistant = JsonNode.Parse("""{"server":{"url":"https://assistant.example/hook"}}""")!.AsObject();
        var (_, server) = await AskAsync(Json(200, """{"timeoutSeconds":1}"""), new JsonObject { ["provider"] = "custom-endpointing-model" }, assistant);

        Assert.Equal("https://assistant.example/hook", Assert.Single(server.Requests).Url);
        Assert.Null(ServerEndpointingModel.For(new ServerMessenger(server, new FakeTemplateRenderer()), TestContexts.Create(), new JsonObject()));
    }

    [Theory]
    [InlineData(200, """{"timeoutSeconds":16}""")]
    [InlineData(200, """{"timeoutSeconds":-1}""")]
    [InlineData(200, """{"timeout":1}""")]
    [InlineData(200, """[1]""")]
    [InlineData(500, """{"timeoutSeconds":1}""")]
    public async Task Anything_but_a_usable_timeout_is_no_answer(int status, string body)
    {
        var (timeout, _) = await AskAsync(Json(status, body));

        Assert.Null(timeout);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_no_answer()
    {
        var (timeout, _) = await AskAsync(new OutboundFailure("connection refused", TimedOut: false));

        Assert.Null(timeout);
    }
}
