using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Simulation;
using Parley.Core.Conversations;
using Parley.Core.Http;
using Parley.Core.ServerMessages;
using Parley.Server.Calls;

namespace Parley.Server.Tests.Calls;

public sealed class CallMessageRouterTests
{
    /// <summary>A server that holds the first webhook until released and keeps every request body.</summary>
    private sealed class SlowServer : IOutboundRequestSender
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly List<JsonObject> Bodies = [];
        public readonly TaskCompletionSource<bool> SecondArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<OutboundResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
        {
            lock (Bodies) Bodies.Add((JsonObject)request.Body!);
            if (Bodies.Count == 1) await Release.Task;
            else SecondArrived.TrySetResult(true);
            return new OutboundResponse(200, new Dictionary<string, string>(), "", null);
        }
    }

    private sealed class NoClient : ICallMessageSink
    {
        public void Publish(JsonObject message) { }
        public void Publish(in StreamedMessage message) { }
    }

    private static CallMessageRouter Router(ManualClock clock, IOutboundRequestSender server, ICallMessageSink client, JsonObject assistant,
        JsonObject? call = null)
    {
        var context = new ConversationContext
        {
            OrgId = "org-1",
            Clock = clock,
            ScopeBuilder = (_, extra) => extra ?? new JsonObject(),
            Assistant = assistant,
            Call = call,
        };
        var templates = new Parley.Core.Templates.LiquidTemplateRenderer(new Parley.Liquid.LiquidEngine(new() { Clock = clock }));
        return new CallMessageRouter(client, new ServerMessenger(server, templates), context, NullLogger.Instance);
    }

    /// <summary>A client sink that keeps what reached it and by which path.</summary>
    private sealed class KeepingClient : ICallMessageSink
    {
        public readonly List<JsonObject> Trees = [];
        public readonly List<StreamedMessage> Streamed = [];
        public void Publish(JsonObject message) => Trees.Add(message);
        public void Publish(in StreamedMessage message) => Streamed.Add(message);
    }

    /// <summary>A server that answers at once and keeps every request body.</summary>
    private sealed class KeepingServer : IOutboundRequestSender
    {
        public readonly List<JsonObject> Bodies = [];

        public Task<OutboundResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
        {
            lock (Bodies) Bodies.Add((JsonObject)request.Body!);
            return Task.FromResult<OutboundResult>(new OutboundResponse(200, new Dictionary<string, string>(), "", null));
        }
    }

    [Fact]
    public async Task The_calls_tool_calls_message_goes_to_the_client_never_as_a_second_request_to_the_server()
    {
        var server = new KeepingServer();
        var client = new KeepingClient();
        var router = Router(new ManualClock(), server, client, new JsonObject
        {
            ["server"] = new JsonObject { ["url"] = "http://127.0.0.1:9/hook" },
            ["serverMessages"] = new JsonArray("tool-calls", "hang"),
        });

        router.Publish(CallMessages.ToolCalls(new JsonObject { ["toolCallList"] = new JsonArray(), ["toolWithToolCallList"] = new JsonArray() }));
        router.Publish(CallMessages.Hang());
        await router.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["tool-calls", "hang"], client.Trees.Select(m => m["type"]!.GetValue<string>()));
        // The subscribed server gets the hang; tool-calls reach it only from the tool's executor, which waits for the answer.
        Assert.Equal("hang", Assert.Single(server.Bodies)["message"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streamed_messages_reach_the_client_as_fields_and_a_tree_is_built_only_for_a_webhook_or_listener()
    {
        var clock = new ManualClock();
        clock.MoveTo(TimeSpan.FromSeconds(5));
        var server = new KeepingServer();
        var client = new KeepingClient();
        var router = Router(clock, server, client, new JsonObject
        {
            ["server"] = new JsonObject { ["url"] = "http://127.0.0.1:9/hook" },
            ["serverMessages"] = new JsonArray("transcript[transcriptType=\"final\"]"),
            ["clientMessages"] = new JsonArray("transcript", "model-output"),
        });
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();

        router.Publish(StreamedMessage.Transcript("user", false, "opening"));
        router.Publish(StreamedMessage.Transcript("user", true, "opening hours?"));
        router.Publish(StreamedMessage.ModelOutput("We", 1));
        router.Publish(StreamedMessage.SpeechUpdate(true, "assistant", 1));
        var listened = new List<JsonObject>();
        router.Published += listened.Add;
        router.Publish(StreamedMessage.ModelOutput(" open", 1));
        await router.DrainAsync(TimeSpan.FromSeconds(10));

        // The client takes transcripts and model-output (not speech-update), stamped, and never as trees.
        Assert.Empty(client.Trees);
        Assert.Equal(["transcript", "transcript", "model-output", "model-output"], client.Streamed.Select(m => m.Type));
        Assert.All(client.Streamed, m => Assert.Equal(now, m.Timestamp));
        // The server subscribed to final transcripts only.
        var webhook = Assert.Single(server.Bodies)["message"]!;
        Assert.Equal("transcript", webhook["type"]!.GetValue<string>());
        Assert.Equal("final", webhook["transcriptType"]!.GetValue<string>());
        Assert.Equal("opening hours?", webhook["transcript"]!.GetValue<string>());
        Assert.Equal(now, webhook["timestamp"]!.GetValue<long>());
        // A listener gets what was published after it joined, as a tree.
        var heard = Assert.Single(listened);
        Assert.Equal(" open", heard["output"]!.GetValue<string>());
        Assert.Equal(now, heard["timestamp"]!.GetValue<long>());
    }

    [Fact]
    public async Task Without_a_server_url_a_streamed_message_of_a_default_server_type_costs_no_tree()
    {
        var clock = new ManualClock();
        // speech-update is in Vapi's default serverMessages, but there is no server to send it to.
        var router = Router(clock, new KeepingServer(), new NoClient(), new JsonObject());
        for (var i = 0; i < 10; i++) router.Publish(StreamedMessage.SpeechUpdate(i % 2 == 0, "user", i));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) router.Publish(StreamedMessage.SpeechUpdate(i % 2 == 0, "user", i));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await router.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task A_webhook_queued_behind_a_slow_server_keeps_the_time_the_call_published_it()
    {
        var clock = new ManualClock();
        var server = new SlowServer();
        var router = Router(clock, server, new NoClient(), new JsonObject
        {
            ["server"] = new JsonObject { ["url"] = "http://127.0.0.1:9/hook" },
            ["serverMessages"] = new JsonArray("status-update", "hang"),
        });
        var publishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();

        router.Publish(new JsonObject { ["type"] = "status-update", ["status"] = "in-progress" });
        router.Publish(new JsonObject { ["type"] = "hang" });
        clock.MoveTo(TimeSpan.FromSeconds(30));
        server.Release.SetResult();
        await server.SecondArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await router.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, server.Bodies.Count);
        Assert.All(server.Bodies, body => Assert.Equal(publishedAt, body["message"]!["timestamp"]!.GetValue<long>()));
        Assert.Equal("hang", server.Bodies[1]["message"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_carries_the_call_as_it_stood_when_published_and_the_ended_status_update_ends_it()
    {
        var clock = new ManualClock();
        clock.MoveTo(TimeSpan.FromSeconds(5));
        var server = new SlowServer();
        var call = new JsonObject { ["id"] = "call-1", ["status"] = "in-progress", ["startedAt"] = "2025-01-01T00:00:00.000Z" };
        var router = Router(clock, server, new NoClient(), new JsonObject
        {
            ["server"] = new JsonObject { ["url"] = "http://127.0.0.1:9/hook" },
            ["serverMessages"] = new JsonArray("status-update", "speech-update"),
        }, call);

        router.Publish(StreamedMessage.SpeechUpdate(false, "assistant", 1));
        clock.MoveTo(TimeSpan.FromSeconds(9));
        router.Publish(CallMessages.StatusUpdate("ended", "customer-ended-call"));
        server.Release.SetResult();
        await server.SecondArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await router.DrainAsync(TimeSpan.FromSeconds(10));

        // Published before the end, sent after it: still the call in progress.
        var before = server.Bodies[0]["message"]!["call"]!;
        Assert.Equal("in-progress", before["status"]!.GetValue<string>());
        Assert.Null(before["endedReason"]);
        var after = server.Bodies[1]["message"]!["call"]!;
        Assert.Equal("ended", after["status"]!.GetValue<string>());
        Assert.Equal("customer-ended-call", after["endedReason"]!.GetValue<string>());
        Assert.Equal(Parley.Core.Json.JsonTime.Iso(clock.GetUtcNow()), after["endedAt"]!.GetValue<string>());
        Assert.Equal("2025-01-01T00:00:00.000Z", after["startedAt"]!.GetValue<string>());
        Assert.Equal(clock.GetUtcNow(), router.EndedAt);
        // The record the call started with was replaced, not changed.
        Assert.Equal("in-progress", call["status"]!.GetValue<string>());
    }
}
