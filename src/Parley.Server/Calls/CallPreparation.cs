using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Calls.Plans;
using Parley.Core.Calls.Session;
using Parley.Core.Calls.Stt;
using Parley.Core.Calls.Transport;
using Parley.Core.Calls.Tts;
using Parley.Core.Calls.Turns;
using Parley.Core.Json;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Conversations;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Calls;

/// <summary>Everything a queued call needs before its socket is accepted: the conversation, the engines, the plans.</summary>
public sealed record PreparedCall(
    CallEntity Row,
    JsonObject CallJson,
    ConversationKit Kit,
    LiveCallControl Control,
    AudioWireFormat WireFormat,
    IReadOnlyList<SpeechEngine<ISpeechToText, SttOptions>> Transcribers,
    IReadOnlyList<SpeechEngine<ITextToSpeech, TtsOptions>> Voices,
    EndpointingPolicy Endpointing,
    Core.Calls.Composer.ChunkPlan ChunkPlan,
    Core.Calls.Composer.VoiceFormatter? Formatter,
    short[]? FirstMessageAudio = null);

/// <summary>
/// Turns a stored call into a <see cref="PreparedCall"/>, or a precise reason it cannot start (unknown assistant,
/// unsupported audio format, a provider without a key, an invalid waitFunction...), answered before the socket
/// is accepted so the client sees a Vapi-shaped 400 rather than a socket that closes.
/// </summary>
public sealed class CallPreparation(
    IDbContextFactory<ParleyDbContext> contexts,
    DocumentSecrets secrets,
    AssistantResolver resolver,
    IConversationFactory conversations,
    ISpeechProviderCatalog speech,
    IProviderKeyChecker keys,
    FirstMessageAudio firstMessages)
{
    /// <param name="refusal">
    /// Asked once the call is known to be queued, with its org, before any of the preparing: a reason not to start it
    /// now (every slot taken) comes back with status 429, and nothing else is done.
    /// </param>
    public async Task<(PreparedCall? Call, string? Error, int Status)> PrepareAsync(string callId, CancellationToken cancellationToken,
        Func<string, string?>? refusal = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (row is null) return (null, "Call not found", StatusCodes.Status404NotFound);
        if (row.Status != "queued")
            return (null, $"call {callId} is {row.Status}: a call's transport can be connected once, while the call is queued", StatusCodes.Status400BadRequest);
        if (refusal?.Invoke(row.OrgId) is { } refused) return (null, refused, StatusCodes.Status429TooManyRequests);

        var stored = secrets.Decrypted(DocumentJson.ParseBody(row.Body));
        if (JsonRead.String(stored["transport"]?["provider"]) != "vapi.websocket")
            return (null, "only calls with transport.provider 'vapi.websocket' can be connected here", StatusCodes.Status400BadRequest);
        var format = AudioWireFormat.From(stored["transport"] as JsonObject);
        if (format.Format is not (AudioWireFormat.PcmS16Le or AudioWireFormat.Mulaw))
            return (null, $"transport.audioFormat.format '{format.Format}' is not supported (use pcm_s16le or mulaw)", StatusCodes.Status400BadRequest);
        if (format.SampleRate is < 4000 or > 192000)
            return (null, $"transport.audioFormat.sampleRate {format.SampleRate} is out of range (4000 to 192000)", StatusCodes.Status400BadRequest);

        var (assistantId, transient, overrides, error) = await ChooseAssistantAsync(db, row.OrgId, stored, cancellationToken);
        if (error is not null) return (null, error, StatusCodes.Status400BadRequest);
        var (assistant, resolveError) = await resolver.ResolveAsync(row.OrgId, assistantId, transient, overrides, cancellationToken);
        if (assistant is null) return (null, resolveError, StatusCodes.Status400BadRequest);

        var org = await db.Orgs.AsNoTracking().FirstAsync(o => o.Id == row.OrgId, cancellationToken);
        var callJson = DocumentJson.Compose(row, secrets.ForResponse(DocumentJson.ParseBody(row.Body)));
        var control = new LiveCallControl();
        var customer = stored["customer"] as JsonObject;
        var (kit, kitError) = await conversations.CreateAsync(new ConversationStart(row.OrgId, assistant, assistant.VariableValues, callJson, null,
            customer, null, secrets.Decrypted(DocumentJson.ParseBody(org.Body))), control, cancellationToken);
        if (kit is null) return (null, kitError, StatusCodes.Status400BadRequest);

        var credentials = new DbCredentialStore(contexts, secrets, row.OrgId);
        var transcriberBlock = assistant.Assistant["transcriber"] as JsonObject;
        var transcribers = new List<SpeechEngine<ISpeechToText, SttOptions>>();
        foreach (var (block, path) in WithFallbacks(transcriberBlock, "transcriber", "transcribers"))
        {
            var (engine, sttError) = await speech.TranscriberAsync(block, credentials, format.SampleRate, cancellationToken);
            if (engine is null) return (null, Qualify(sttError!, path), StatusCodes.Status400BadRequest);
            if (await RejectedKeyAsync(engine.Provider, engine.Options.ApiKey, path, cancellationToken) is { } rejected) return (null, rejected, StatusCodes.Status400BadRequest);
            transcribers.Add(engine);
        }
        var voiceBlock = assistant.Assistant["voice"] as JsonObject;
        var voices = new List<SpeechEngine<ITextToSpeech, TtsOptions>>();
        foreach (var (block, path) in WithFallbacks(voiceBlock, "voice", "voices"))
        {
            var (engine, ttsError) = await speech.VoiceAsync(block, credentials, format.SampleRate, cancellationToken);
            if (engine is null) return (null, Qualify(ttsError!, path), StatusCodes.Status400BadRequest);
            if (await RejectedKeyAsync(engine.Provider, engine.Options.ApiKey, path, cancellationToken) is { } rejected) return (null, rejected, StatusCodes.Status400BadRequest);
            voices.Add(engine);
        }

        // Assistants and calls are checked when created; one stored before those checks, or an override merged over
        // it, is answered the same way here.
        if (SpeechPlanChecks.Check(assistant.Assistant).FirstOrDefault() is { } invalid) return (null, invalid, StatusCodes.Status400BadRequest);
        EndpointingPolicy endpointing;
        try
        {
            endpointing = SpeechPlanReader.Endpointing(assistant.Assistant);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return (null, "startSpeakingPlan is invalid: " + e.Message, StatusCodes.Status400BadRequest);
        }

        Core.Calls.Composer.ChunkPlan chunkPlan;
        Core.Calls.Composer.VoiceFormatter? formatter;
        try
        {
            chunkPlan = SpeechPlanReader.Chunk(assistant.Assistant["voice"] as JsonObject);
            // Built once here, where a bad replacement regex is a 400, and shared by every reply of the call.
            formatter = Core.Calls.Composer.VoiceFormatter.For(chunkPlan);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return (null, "voice.chunkPlan is invalid: " + e.Message, StatusCodes.Status400BadRequest);
        }

        // A first message that is the URL of an audio file is fetched now: one that cannot be played is a 400, not a silent call.
        short[]? greeting = null;
        if (JsonRead.String(assistant.Assistant["firstMessage"]) is { } firstMessage && FirstMessageAudio.IsAudioUrl(firstMessage))
        {
            var (samples, audioError) = await firstMessages.LoadAsync(firstMessage, format.SampleRate, cancellationToken);
            if (samples is null) return (null, audioError, StatusCodes.Status400BadRequest);
            greeting = samples;
        }

        return (new PreparedCall(row, callJson, kit, control, format, transcribers, voices, endpointing, chunkPlan, formatter, greeting), null, StatusCodes.Status200OK);
    }

    /// <summary>A key the provider has refused is an error now, not a silent failure mid-call; an unknown answer lets the call go on.</summary>
    private async Task<string?> RejectedKeyAsync(string provider, string? key, string path, CancellationToken cancellationToken)
    {
        if (key is null) return null;
        var check = await keys.CheckAsync(provider, key, cancellationToken);
        return check is { Valid: false } ? $"{path}.provider '{provider}': {check.Message}; update the '{provider}' credential (PATCH /credential/<id>) or the server's key" : null;
    }

    /// <summary>The block itself, then each entry of its <c>fallbackPlan</c> list, with the path errors should name.</summary>
    private static IEnumerable<(JsonObject? Block, string Path)> WithFallbacks(JsonObject? block, string name, string listName)
    {
        yield return (block, name);
        var index = 0;
        foreach (var fallback in (block?["fallbackPlan"]?[listName] as JsonArray)?.OfType<JsonObject>() ?? [])
            yield return (fallback, $"{name}.fallbackPlan.{listName}[{index++}]");
    }

    /// <summary>Errors name the block they are about; a fallback's path replaces the primary's.</summary>
    private static string Qualify(string error, string path)
    {
        var name = path.Split('.')[0];
        return path == name || !error.StartsWith(name + ".", StringComparison.Ordinal) && !error.StartsWith(name + " ", StringComparison.Ordinal)
            ? error
            : path + error[name.Length..];
    }

    /// <summary>The call's assistant, or its squad's first member with the member's overrides.</summary>
    private static async Task<(string? Id, JsonObject? Transient, JsonObject? Overrides, string? Error)> ChooseAssistantAsync(ParleyDbContext db,
        string orgId, JsonObject call, CancellationToken cancellationToken)
    {
        var overrides = call["assistantOverrides"] as JsonObject;
        if (JsonRead.String(call["assistantId"]) is { } id) return (id, null, overrides, null);
        if (call["assistant"] is JsonObject inline) return (null, inline, overrides, null);

        var squad = call["squad"] as JsonObject;
        if (squad is null && JsonRead.String(call["squadId"]) is { } squadId)
        {
            var row = await db.Squads.ForOrg(orgId).AsNoTracking().FirstOrDefaultAsync(s => s.Id == squadId, cancellationToken);
            if (row is null) return (null, null, null, $"squadId must reference an existing squad (no squad with id '{squadId}' in this org)");
            squad = DocumentJson.ParseBody(row.Body);
        }
        if ((squad?["members"] as JsonArray)?.FirstOrDefault() is not JsonObject first)
            return (null, null, null, "the call names no assistant: set assistantId, assistant, squadId or squad (with members)");
        var merged = (first["assistantOverrides"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        foreach (var (key, value) in overrides ?? []) merged[key] = value?.DeepClone();
        return (JsonRead.String(first["assistantId"]), first["assistant"] as JsonObject, merged, null);
    }
}
