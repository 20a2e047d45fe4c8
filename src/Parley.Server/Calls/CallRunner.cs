using System.Net.WebSockets;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Session;
using Parley.Core.Calls.Stt;
using Parley.Core.Calls.Transport;
using Parley.Core.Calls.Tts;
using Parley.Core.Calls.Vad;
using Parley.Core.Json;
using Parley.Server.Hosting;

namespace Parley.Server.Calls;

/// <summary>
/// Runs a prepared call over its accepted socket: marks it in progress, wires transport, tap, message router and
/// engines into a <see cref="CallSession"/>, runs it to the end, then lets the call record have the outcome.
/// </summary>
public sealed class CallRunner(LiveCalls live, CallRecordWriter records, ParleyOptions options, TimeProvider clock, ILoggerFactory loggers)
{
    /// <summary>How long the end-of-call webhooks may take after the call before the runner stops waiting.</summary>
    public static readonly TimeSpan WebhookDrainLimit = TimeSpan.FromSeconds(10);

    public async Task RunAsync(PreparedCall call, WebSocket socket, CancellationToken cancellationToken)
    {
        var callId = call.Row.Id;
        var logger = loggers.CreateLogger("Parley.Call");
        var startedAt = clock.GetUtcNow();
        await records.MarkInProgressAsync(callId, startedAt);

        var recordingEnabled = JsonRead.Bool(call.Kit.Context.Assistant["artifactPlan"]?["recordingEnabled"]) ?? true;
        using var tap = new CallAudioTap(call.WireFormat.SampleRate, recordingEnabled ? CallRecordWriter.RecordingPath(options, callId) : null);
        var serializer = new VapiWebSocketSerializer(call.WireFormat, new G711MulawCodec());
        var transport = new VapiWebSocketTransport(socket, serializer, message => logger.LogInformation("Call {CallId}: {Message}", callId, message));
        var router = new CallMessageRouter(transport, call.Kit.Messenger, call.Kit.Context, logger);
        var rate = call.WireFormat.SampleRate;
        var plan = CallPlan.From(call.Kit.Context.Assistant);
        var session = new CallSession(new CallSessionServices
        {
            Clock = clock,
            Context = call.Kit.Context,
            Runner = call.Kit.Runner,
            Plan = plan,
            SpeechActivity = new VadSpeechActivitySource(rate, new VadOptions { StartSeconds = Math.Min(0.2, plan.StopSpeakingVoice.TotalSeconds) }),
            Stt = new ResamplingSpeechToText(call.Transcriber.Engine),
            SttOptions = call.Transcriber.Options with { SampleRate = rate },
            Tts = new WireFramedTextToSpeech(call.Voice.Engine),
            TtsOptions = call.Voice.Options with { SampleRate = rate },
            Messages = router,
            AudioOutput = new TappedAudioOutput(transport, tap),
            TurnEndPolicy = new EndpointingTurnEndPolicy(call.Endpointing),
            ChunkerFactory = () => new ComposerTextChunker(call.ChunkPlan),
            Transfer = call.Control,
        });
        call.Control.Session = session;
        call.Control.Messages = router;
        live.TryAdd(new LiveCall(callId, call.Row.OrgId, session, tap, router));
        logger.LogInformation("Call {CallId} started: {Format} at {Rate} Hz, transcriber {Transcriber}, voice {Voice}",
            callId, call.WireFormat.Format, rate, call.Transcriber.Provider, call.Voice.Provider);

        string endedReason;
        using var stopReading = new CancellationTokenSource();
        var reading = transport.RunAsync(new TappedCallInput(session, tap), stopReading.Token);
        try
        {
            endedReason = await session.RunAsync(cancellationToken);
        }
        finally
        {
            live.Remove(callId);
            await router.DrainAsync(WebhookDrainLimit);
            await transport.CloseAsync(CancellationToken.None);
            stopReading.Cancel();
            try { await reading; } catch (OperationCanceledException) { }
            tap.Finish();
        }
        logger.LogInformation("Call {CallId} ended: {EndedReason}", callId, endedReason);
        await records.MarkEndedAsync(call, endedReason, startedAt, clock.GetUtcNow(), router.EndOfCallReport, recordingEnabled, transport.MalformedFrames);
    }
}
