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
    }

    [Fact]
    public async Task A_webhook_queued_behind_a_slow_server_keeps_the_time_the_call_published_it()
    {
        var clock = new ManualClock();
        var server = new SlowServer();
        var context = new ConversationContext
        {
            OrgId = "org-1",
            Clock = clock,
            ScopeBuilder = (_, extra) => extra ?? new JsonObject(),
            Assistant = new JsonObject
            {
                ["server"] = new JsonObject { ["url"] = "http://127.0.0.1:9/hook" },
                ["serverMessages"] = new JsonArray("status-update", "hang"),
            },
        };
        var router = new CallMessageRouter(new NoClient(), new ServerMessenger(server, new Parley.Core.Templates.LiquidTemplateRenderer(new Parley.Liquid.LiquidEngine(new() { Clock = clock }))),
            context, NullLogger.Instance);
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
}
