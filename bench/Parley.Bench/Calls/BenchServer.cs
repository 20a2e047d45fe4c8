using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Core.Calls.Session;
using Parley.Core.Calls.Simulation;
using Parley.Core.Calls.Transport;
using Parley.Core.Calls.Tts;
using Parley.Core.Conversations;
using Parley.Core.Tools;

namespace Parley.Bench.Calls;

/// <summary>
/// The Parley side of the bench: Kestrel on a loopback port, one <see cref="CallSession"/> per <c>vapi.websocket</c>
/// connection, on the system clock, with the real VAD, pacer and transport and fake providers of set latency; or, as
/// the baseline, a <see cref="BareAgent"/> per connection on the same Kestrel.
/// </summary>
public sealed class BenchServer : IBenchServer
{
    private readonly ConcurrentDictionary<string, int> _endedReasons = new();
    private readonly TurnStages _stages = new();
    private WebApplication _app = null!;

    public Uri Endpoint { get; private set; } = null!;

    public bool SeparateProcess => false;

    public bool Bare { get; private init; }

    public Task<ServerSample> SampleAsync(bool collect = false)
    {
        if (collect)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        // Not a Process object: reading one allocates about 14 KB, which the server's own GC figures would count as its.
        return Task.FromResult(new ServerSample(Environment.CpuUsage.TotalTime, Environment.WorkingSet, GC.GetTotalMemory(false),
            GC.CollectionCount(0), GC.GetTotalPauseDuration(), ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount,
            ThreadPool.CompletedWorkItemCount));
    }

    public Task<IReadOnlyDictionary<string, int>> TakeEndedReasonsAsync()
    {
        var snapshot = new Dictionary<string, int>(_endedReasons);
        _endedReasons.Clear();
        return Task.FromResult<IReadOnlyDictionary<string, int>>(snapshot);
    }

    public Task<string?> TakeTurnStagesAsync() => Task.FromResult(Bare ? null : _stages.TakeSummary());

    public static async Task<BenchServer> StartAsync(BenchLatencies latencies, bool bare)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // A log line per call would cost more than the call itself at 1000 calls; failures are counted instead.
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new BenchServer { _app = app, Bare = bare };
        app.UseWebSockets();
        app.Map("/call", context => bare ? server.RunBareCallAsync(context, latencies) : server.RunCallAsync(context, latencies));
        await app.StartAsync();
        // Port 0 was asked for; the port the system gave is only known once Kestrel listens.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.Replace("http://", "ws://") + "/call");
        return server;
    }

    private async Task RunCallAsync(HttpContext context, BenchLatencies latencies)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        string reason;
        try
        {
            reason = await VapiWebSocketCall.RunAsync(socket, new VapiWebSocketSerializer(AudioWireFormat.Default),
                transport => CreateSession(transport, latencies, _stages), null, context.RequestAborted);
        }
        catch (Exception e)
        {
            reason = "bench-server-" + e.GetType().Name;
        }
        _endedReasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

    private async Task RunBareCallAsync(HttpContext context, BenchLatencies latencies)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        // Named like Parley's reasons so the row's notes read the same: only a call the client ended is a clean end.
        var reason = await new BareAgent(socket, latencies).RunAsync(context.RequestAborted) ? "customer-ended-call" : "bare-socket-closed-early";
        _endedReasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

    private static CallSession CreateSession(VapiWebSocketTransport transport, BenchLatencies latencies, TurnStages stages)
    {
        var clock = TimeProvider.System;
        var assistant = Assistant(latencies);
        return new CallSession(new CallSessionServices
        {
            Clock = clock,
            Context = new ConversationContext { OrgId = "bench", Assistant = assistant, Clock = clock, ScopeBuilder = (_, e) => e ?? new JsonObject() },
            Runner = new ConversationRunner(new TimedChatModel(latencies.LlmFirstToken, clock), new ToolCatalog([]), new FakeToolRound(clock)),
            SpeechActivity = new VadSpeechActivitySource(CallerAudio.SampleRate, latencies.Vad),
            Stt = new GatedStt(latencies.SttFinal, clock),
            Tts = new WireFramedTextToSpeech(new TonalTts(latencies.TtsFirstByte, latencies.TtsPerCharacter, clock)),
            // Stated, not left to defaults: no configured wait may hide in the figures.
            TurnEndPolicy = new FixedTurnEndPolicy(TimeSpan.Zero),
            Messages = stages.Recording(transport),
            AudioOutput = transport,
        });
    }

    /// <summary>
    /// Waits for the caller, ends turns with no wait and lets voiceSeconds of voice stop the assistant; the reply
    /// after an interruption is not held back (backoffSeconds 0) so it is measured like any other.
    /// </summary>
    private static JsonObject Assistant(BenchLatencies latencies) => new()
    {
        ["firstMessageMode"] = "assistant-waits-for-user",
        ["startSpeakingPlan"] = new JsonObject { ["waitSeconds"] = 0 },
        ["stopSpeakingPlan"] = new JsonObject { ["voiceSeconds"] = latencies.VoiceSeconds.TotalSeconds, ["backoffSeconds"] = 0 },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
