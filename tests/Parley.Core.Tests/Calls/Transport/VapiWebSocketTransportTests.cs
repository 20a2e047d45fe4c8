using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Session;
using Parley.Core.Calls.Transport;
using Parley.Core.Tests.Support;

namespace Parley.Core.Tests.Calls.Transport;

// Invariant: over a real socket, audio and control frames reach the call, garbage is skipped without ending the
// call, outbound audio and messages arrive in order, and a closed socket ends the call as customer-ended-call.
public class VapiWebSocketTransportTests
{
    private sealed class RecordingCall : ICallInput
    {
        public readonly List<AudioFrame> Audio = [];
        public readonly List<JsonObject> Control = [];
        public readonly TaskCompletionSource<string> Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void PushCallerAudio(AudioFrame frame) { lock (Audio) Audio.Add(frame); }
        public void Receive(JsonObject controlMessage) { lock (Control) Control.Add(controlMessage); }
        public void End(string endedReason) => Ended.TrySetResult(endedReason);
    }

    private static async Task<(WebSocket Server, WebSocket Client)> ConnectedPairAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepted = await listener.AcceptTcpClientAsync();
        listener.Stop();
        return (WebSocket.CreateFromStream(accepted.GetStream(), true, null, TimeSpan.Zero),
            WebSocket.CreateFromStream(client.GetStream(), false, null, TimeSpan.Zero));
    }

    /// <summary>A transport reading a real loopback socket for <paramref name="call"/>, and the client's end of it.</summary>
    private sealed class Running(VapiWebSocketTransport transport, WebSocket client, Task run, CancellationTokenSource timeout) : IDisposable
    {
        public VapiWebSocketTransport Transport => transport;
        public WebSocket Client => client;
        public Task Run => run;
        public CancellationToken Timeout => timeout.Token;
        public void Dispose() => timeout.Dispose();
    }

    private static async Task<Running> StartAsync(ICallInput call, int timeoutSeconds = 10)
    {
        var (server, client) = await ConnectedPairAsync();
        var transport = new VapiWebSocketTransport(server, new VapiWebSocketSerializer(AudioWireFormat.Default));
        var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        return new Running(transport, client, transport.RunAsync(call, timeout.Token), timeout);
    }

    /// <summary>Reads each frame while it is pushed, as the session's lanes and listeners do, and keeps only what it read.</summary>
    private sealed class FirstSampleCall : ICallInput
    {
        public readonly List<short> FirstSamples = [];
        public readonly HashSet<short[]> Buffers = new(ReferenceEqualityComparer.Instance);
        public readonly TaskCompletionSource<string> Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void PushCallerAudio(AudioFrame frame)
        {
            FirstSamples.Add(frame.Samples.Span[0]);
            Buffers.Add(SampleBuffers.ArrayOf(frame.Samples));
        }
        public void Receive(JsonObject controlMessage) { }
        public void End(string endedReason) => Ended.TrySetResult(endedReason);
    }

    [Fact]
    public async Task Caller_frames_reuse_a_ring_of_buffers_and_each_arrives_intact()
    {
        var call = new FirstSampleCall();
        using var running = await StartAsync(call, timeoutSeconds: 20);
        var (transport, client, run, timeout) = (running.Transport, running.Client, running.Run, running.Timeout);
        var frames = 3 * CallSession.CallerFrameBuffers;

        var frame = new byte[640];
        for (var i = 0; i < frames; i++)
        {
            BitConverter.TryWriteBytes(frame, (short)i);
            await client.SendAsync(frame, WebSocketMessageType.Binary, true, timeout);
        }
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout);

        await call.Ended.Task.WaitAsync(timeout);
        await run;
        Assert.Equal(Enumerable.Range(0, frames).Select(i => (short)i), call.FirstSamples);
        Assert.Equal(CallSession.CallerFrameBuffers, call.Buffers.Count);
    }

    [Fact]
    public async Task Inbound_audio_and_control_reach_the_call_and_garbage_is_survived()
    {
        var call = new RecordingCall();
        using var running = await StartAsync(call);
        var (transport, client, run, timeout) = (running.Transport, running.Client, running.Run, running.Timeout);

        await client.SendAsync(new byte[640], WebSocketMessageType.Binary, true, timeout);
        await client.SendAsync("not json"u8.ToArray(), WebSocketMessageType.Text, true, timeout);
        await client.SendAsync(new byte[3], WebSocketMessageType.Binary, true, timeout);
        // One message split over two frames.
        await client.SendAsync("""{"type":"say","""u8.ToArray(), WebSocketMessageType.Text, false, timeout);
        await client.SendAsync(""" "content":"Hi"}"""u8.ToArray(), WebSocketMessageType.Text, true, timeout);
        await client.SendAsync(new byte[640], WebSocketMessageType.Binary, true, timeout);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout);

        Assert.Equal("customer-ended-call", await call.Ended.Task.WaitAsync(timeout));
        await run;
        Assert.Equal(2, call.Audio.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(20), call.Audio[1].Timestamp);
        Assert.Equal("Hi", Assert.Single(call.Control)["content"]!.GetValue<string>());
        Assert.Equal(2, transport.MalformedFrames);
    }

    [Fact]
    public async Task Messages_longer_than_the_first_buffer_arrive_whole_and_one_over_the_limit_is_skipped()
    {
        var call = new RecordingCall();
        using var running = await StartAsync(call);
        var (transport, client, run, timeout) = (running.Transport, running.Client, running.Run, running.Timeout);
        var note = new string('x', 200_000);

        // 100 ms of 16 kHz audio in one frame (3,200 bytes), a 200 KB control message, one over 1 MB, then a plain frame.
        await client.SendAsync(new byte[3200], WebSocketMessageType.Binary, true, timeout);
        await client.SendAsync(Encoding.UTF8.GetBytes($$$"""{"type":"add-message","message":{"role":"system","content":"{{{note}}}"}}"""),
            WebSocketMessageType.Text, true, timeout);
        await client.SendAsync(new byte[VapiWebSocketTransport.MaxMessageBytes + 2], WebSocketMessageType.Binary, true, timeout);
        await client.SendAsync(new byte[640], WebSocketMessageType.Binary, true, timeout);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout);

        await call.Ended.Task.WaitAsync(timeout);
        await run;
        Assert.Equal([1600, 320], call.Audio.Select(a => a.Samples.Length));
        Assert.Equal(note, Assert.Single(call.Control)["message"]!["content"]!.GetValue<string>());
        Assert.Equal(1, transport.MalformedFrames);
    }

    [Fact]
    public async Task Outbound_audio_is_binary_and_messages_are_bare_json_text_in_order()
    {
        var call = new RecordingCall();
        using var running = await StartAsync(call);
        var (transport, client, run, timeout) = (running.Transport, running.Client, running.Run, running.Timeout);

        transport.Publish(new JsonObject { ["type"] = "status-update", ["status"] = "in-progress" });
        transport.Write(new AudioFrame(new short[] { 1, 2, 3 }, 16000, TimeSpan.Zero));
        transport.Publish(new JsonObject { ["type"] = "status-update", ["status"] = "ended" });
        var close = transport.CloseAsync(timeout);

        var received = new List<string>();
        var buffer = new byte[4096];
        while (true)
        {
            var result = await client.ReceiveAsync(buffer, timeout);
            if (result.MessageType == WebSocketMessageType.Close) break;
            received.Add(result.MessageType == WebSocketMessageType.Text
                ? Encoding.UTF8.GetString(buffer, 0, result.Count)
                : "binary " + Convert.ToHexString(buffer, 0, result.Count));
        }
        await close;
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout);
        await run;

        Assert.Equal(
        [
            """{"type":"status-update","status":"in-progress"}""",
            "binary 010002000300",
            """{"type":"status-update","status":"ended"}""",
        ], received);
    }

    [Fact]
    public async Task A_broken_connection_ends_the_call()
    {
        var call = new RecordingCall();
        using var running = await StartAsync(call);
        var (transport, client, run, timeout) = (running.Transport, running.Client, running.Run, running.Timeout);

        client.Abort();
        client.Dispose();

        Assert.Equal("customer-ended-call", await call.Ended.Task.WaitAsync(timeout));
        await run;
    }
}
