using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Analysis;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Fallbacks;
using Parley.Core.Calls.Messages;
using Parley.Core.Templates;
using Parley.Core.Calls.Session;
using Parley.Core.Calls.Stt;
using Parley.Core.Calls.Transport;
using Parley.Core.Calls.Tts;
using Parley.Core.Calls.Vad;
using Parley.Core.Json;
using Parley.Core.ServerMessages;
using Parley.Server.Api.Resources;
using Parley.Server.Hosting;

namespace Parley.Server.Calls;

/// <summary>
/// Runs a prepared call over its accepted socket: marks it in progress, wires transport, tap, message router and
/// engines into a <see cref="CallSession"/>, runs it to the end, then lets the call record have the outcome.
/// </summary>
public sealed class CallRunner(LiveCalls live, CallRecordWriter records, ParleyOptions options, TimeProvider clock, ILoggerFactory loggers,
    ITemplateRenderer templates)
{
    /// <summary>How long the end-of-call webhooks may take after the call before the runner stops waiting.</summary>
    public static readonly TimeSpan WebhookDrainLimit = TimeSpan.FromSeconds(10);

    /// <summary>WebSocket close code 1013, "try again later" (RFC 6455 registry), which the enum does not name.</summary>
    private const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    public async Task RunAsync(PreparedCall call, WebSocket socket, CallLinks links, CancellationToken cancellationToken)
    {
        var callId = call.Row.Id;
        var logger = loggers.CreateLogger("Parley.Call");
        // Two sockets racing for one queued call: the first runs it, the second is told and closed. A socket that lost
        // the server's last slot to another call is closed with "try again later" (1013); its call stays queued.
        var claim = live.TryClaim(callId, call.Row.OrgId, CallCapacity.Limits(options));
        switch (claim)
        {
            case CallClaim.AlreadyClaimed:
                await WebSocketClosing.CloseWithinLimitAsync(socket, WebSocketCloseStatus.PolicyViolation, "this call is already connected", waitForReply: true, clock);
                return;
            case CallClaim.ServerFull or CallClaim.OrgFull:
                var refusal = CallCapacity.Refusal(options, orgFull: claim == CallClaim.OrgFull);
                logger.LogWarning("Call {CallId} refused: {Refusal}", callId, refusal);
                await WebSocketClosing.CloseWithinLimitAsync(socket, TryAgainLater, refusal, waitForReply: true, clock);
                return;
        }
        try
        {
            await RunClaimedAsync(call, socket, links, logger, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault in Parley itself: the caller hears the socket close with a reason, the record says it ended.
            logger.LogError(e, "Call {CallId} failed", callId);
            await WebSocketClosing.CloseWithinLimitAsync(socket, WebSocketCloseStatus.InternalServerError, "Parley failed to run this call", waitForReply: false, clock);
            try { await records.MarkFailedAsync(callId, EndedReasons.PlatformFault, clock.GetUtcNow()); }
            catch (Exception recordError) { logger.LogError(recordError, "Call {CallId}: could not record the failure", callId); }
        }
        finally
        {
            live.Release(callId);
        }
    }

    private async Task RunClaimedAsync(PreparedCall call, WebSocket socket, CallLinks links, ILogger logger, CancellationToken cancellationToken)
    {
        var callId = call.Row.Id;
        var startedAt = clock.GetUtcNow();

        var recordingEnabled = JsonRead.Bool(call.Kit.Context.Assistant["artifactPlan"]?["recordingEnabled"]) ?? true;
        using var tap = new CallAudioTap(call.WireFormat.SampleRate, recordingEnabled ? CallRecordWriter.RecordingPath(options, callId) : null);
        var serializer = new VapiWebSocketSerializer(call.WireFormat, new G711MulawCodec());
        var transport = new VapiWebSocketTransport(socket, serializer, message => logger.LogInformation("Call {CallId}: {Message}", callId, message), clock);
        var router = new CallMessageRouter(transport, call.Kit.Messenger, call.Kit.Context, logger);
        var rate = call.WireFormat.SampleRate;
        var plan = CallPlan.From(call.Kit.Context.Assistant);
        var usage = new SpeechProviderUsage(clock);
        var transcribers = call.Transcribers.Select(t => new SttCandidate(t.Provider, new ResamplingSpeechToText(t.Engine), t.Options)).ToList();
        var chunked = call.ChunkPlan.Enabled;
        var voices = call.Voices.Select(v => new TtsCandidate(v.Provider, new WireFramedTextToSpeech(v.Engine), v.Options with { TextChunked = chunked })).ToList();
        var session = new CallSession(new CallSessionServices
        {
            Clock = clock,
            Context = call.Kit.Context,
            Runner = call.Kit.Runner,
            Plan = plan,
            SpeechActivity = new VadSpeechActivitySource(rate, new VadOptions { StartSeconds = Math.Min(0.2, plan.StopSpeakingVoice.TotalSeconds) }),
            Stt = new FallbackSpeechToText(transcribers, usage),
            SttOptions = call.Transcribers[0].Options with { SampleRate = rate },
            Tts = new FallbackTextToSpeech(voices, usage),
            TtsOptions = call.Voices[0].Options with { SampleRate = rate, TextChunked = chunked },
            Messages = router,
            AudioOutput = new TappedAudioOutput(transport, tap),
            TurnEndPolicy = new EndpointingTurnEndPolicy(call.Endpointing),
            ChunkerFactory = () => new ComposerTextChunker(call.ChunkPlan, call.Formatter),
            Transfer = call.Control,
            Templates = templates,
            HookTools = new HookToolRunner(call.Kit.Tools, logger),
            ReportFault = (what, fault) => logger.LogWarning(fault, "Call {CallId}: {What}", callId, what),
            CustomEndpointing = CustomEndpointing(call, logger),
            FirstMessageAudio = call.FirstMessageAudio is { } greeting ? new AudioFrame(greeting, rate, TimeSpan.Zero) : null,
        });
        call.Control.Session = session;
        call.Control.Messages = router;
        using var ended = new CancellationTokenSource();
        live.TryAdd(new LiveCall(callId, call.Row.OrgId, session, tap, router, call.Kit.Context.Assistant["monitorPlan"] as JsonObject, ended.Token));
        // The call's messages carry it as GET /call answers it from here on (the router marks it ended).
        call.Kit.Context.Call = await records.MarkInProgressAsync(callId, startedAt) ?? call.Kit.Context.Call;
        logger.LogInformation("Call {CallId} started: {Format} at {Rate} Hz, transcriber {Transcriber}, voice {Voice}",
            callId, call.WireFormat.Format, rate, call.Transcribers[0].Provider, call.Voices[0].Provider);

        string endedReason;
        using var stopReading = new CancellationTokenSource();
        var (denoiser, denoiseWarnings) = DenoisingCallInput.FromPlan(call.Kit.Context.Assistant, rate);
        foreach (var warning in denoiseWarnings) logger.LogWarning("Call {CallId}: backgroundSpeechDenoisingPlan: {Warning}", callId, warning);
        using var denoising = denoiser is null ? null : new DenoisingCallInput(session, denoiser);
        var reading = transport.RunAsync(new TappedCallInput(denoising ?? (ICallInput)session, tap), stopReading.Token);
        try
        {
            endedReason = await session.RunAsync(cancellationToken);
        }
        finally
        {
            live.Remove(callId);
            await transport.CloseAsync(CancellationToken.None);
            stopReading.Cancel();
            try { await reading; } catch (OperationCanceledException) { }
            tap.Finish();
        }
        // The record ends when the session said so, as the end-of-call report's call already does.
        var endedAt = router.EndedAt ?? clock.GetUtcNow();
        if (session.Fault is { } fault) logger.LogError(fault, "Call {CallId}: the call loop failed", callId);
        logger.LogInformation("Call {CallId} ended: {EndedReason}", callId, endedReason);

        var report = router.EndOfCallReport ?? new JsonObject { ["type"] = "end-of-call-report", ["endedReason"] = endedReason };
        var artifact = records.Artifact(call, report, recordingEnabled ? links.Recordings(callId) : null, usage.ToJson());
        var (analysis, analysisUsage) = await AnalyzeAsync(call, artifact, endedReason, logger);
        report["artifact"] = artifact.DeepClone();
        report["analysis"] = analysis.DeepClone();
        CallUsage.AddAnalysis(report, call.Kit.Context.Assistant, analysisUsage);
        // Where a forwarded call went (the last transfer asked for), as Vapi's report and call name it; empty when the
        // call ended otherwise (the caller hung up during the announcement, say).
        if (endedReason == "assistant-forwarded-call" && artifact["transfers"] is JsonArray { Count: > 0 } transfers
            && transfers[^1]?["destination"] is { } destination)
            report["destination"] = destination.DeepClone();
        router.SendEndOfCallReport(report);
        ended.Cancel();
        await router.DrainAsync(WebhookDrainLimit);
        await records.MarkEndedAsync(callId, endedReason, startedAt, endedAt, artifact, analysis, transport.MalformedFrames, transport.DroppedAudioFrames, report);
    }

    /// <summary>The user's server for smartEndpointingPlan provider custom-endpointing-model; null for any other plan.</summary>
    private static ServerEndpointingModel? CustomEndpointing(PreparedCall call, ILogger logger)
    {
        if (call.Kit.Context.Assistant["startSpeakingPlan"]?["smartEndpointingPlan"] is not JsonObject smart
            || JsonRead.String(smart["provider"]) != "custom-endpointing-model")
            return null;
        var model = ServerEndpointingModel.For(call.Kit.Messenger, call.Kit.Context, smart);
        if (model is null)
            logger.LogWarning("Call {CallId}: smartEndpointingPlan custom-endpointing-model has no server (plan, assistant or org); transcription endpointing decides", call.Row.Id);
        return model;
    }

    /// <summary>assistant.analysisPlan over the finished call; a failed part is left out and logged, never fatal.</summary>
    private async Task<(JsonObject Analysis, IReadOnlyDictionary<string, Parley.Core.Llm.ChatUsage> Usage)> AnalyzeAsync(PreparedCall call,
        JsonObject artifact, string endedReason, ILogger logger)
    {
        var assistant = call.Kit.Context.Assistant;
        try
        {
            var input = new CallAnalysisInput(JsonRead.String(artifact["transcript"]) ?? "", artifact["messages"] as JsonArray) { EndedReason = endedReason };
            var result = await new CallAnalyzer(templates, clock).RunAsync(assistant["analysisPlan"] as JsonObject, input, call.Kit.Runner.Model,
                call.Kit.Settings, CancellationToken.None);
            foreach (var problem in result.Problems)
                logger.LogWarning("Call {CallId}: analysis {Part} left out: {Message}", call.Row.Id, problem.Part, problem.Message);
            return (result.Analysis, result.Usage);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call {CallId}: the analysis failed", call.Row.Id);
            return (new JsonObject(), new Dictionary<string, Parley.Core.Llm.ChatUsage>());
        }
    }
}
