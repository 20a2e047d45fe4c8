using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Session;
using Parley.Core.Calls.Simulation;
using Parley.Core.Calls.Transport;
using Parley.Core.Conversations;
using Parley.Core.Tools;

namespace Parley.Core.Tests.Calls.Transport;

// Invariant: a whole call runs over a real socket on the real clock — the client hears the first message as
// binary audio, sees the call's JSON messages, and an end-call from the client ends the call with the report sent
// before the socket closes.
public class VapiWebSocketCallTests
{
    [Fact]
    public async Task A_client_hears_the_first_message_and_ends_the_call()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepted = await listener.AcceptTcpClientAsync();
        listener.Stop();
        var server = WebSocket.CreateFromStream(accepted.GetStream(), true, null, TimeSpan.Zero);
        var client = WebSocket.CreateFromStream(tcp.GetStream(), false, null, TimeSpan.Zero);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.01, perCharacter: 0.02);
        var clock = TimeProvider.System;
        var assistant = new JsonObject { ["firstMessage"] = "Hi there." };
        var call = VapiWebSocketCall.RunAsync(server, new VapiWebSocketSerializer(AudioWireFormat.Default), transport =>
            new CallSession(new CallSessionServices
            {
                Clock = clock,
                Context = new ConversationContext { OrgId = "org", Assistant = assistant, Clock = clock, ScopeBuilder = (_, e) => e ?? new JsonObject() },
                Runner = new ConversationRunner(new FakeChatModel(script, clock), new ToolCatalog([]), new FakeToolRound(clock)),
                SpeechActivity = new FakeSpeechActivity(script, clock, clock.GetUtcNow()),
                Stt = new FakeStt(script, clock, clock.GetUtcNow()),
                Tts = new FakeTts(script, clock),
                Messages = transport,
                AudioOutput = transport,
            }), null, timeout.Token);

        var types = new List<string>();
        var audioBytes = 0;
        var buffer = new byte[65536];
        var sentEnd = false;
        while (true)
        {
            var result = await client.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) break;
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                audioBytes += result.Count;
                continue;
            }
            var message = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!;
            types.Add(message["type"]!.GetValue<string>());
            if (!sentEnd && message["type"]!.GetValue<string>() == "speech-update" && message["status"]!.GetValue<string>() == "stopped")
            {
                sentEnd = true;
                await client.SendAsync("""{"type":"end-call"}"""u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
            }
        }

        Assert.Equal("customer-ended-call", await call);
        // "Hi there." is 9 × 20 ms = 180 ms = 9 frames of 640 bytes.
        Assert.Equal(9 * 640, audioBytes);
        Assert.Equal("status-update", types[0]);
        Assert.Equal(["status-update", "end-of-call-report"], types[^2..]);
        Assert.Contains("speech-update", types);
    }
}
