using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Json;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Hosting;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Calls;

/// <summary>
/// Writes a call's progress into its record: <c>in-progress</c> with startedAt when the socket connects, then
/// <c>ended</c> with the endedReason, messages, transcript, artifact (variableValues, recording URLs, transfers)
/// and analysis. Each write reads the row afresh so a PATCH made during the call (name, metadata) is kept.
/// </summary>
public sealed class CallRecordWriter(IDbContextFactory<ParleyDbContext> contexts, DocumentSecrets secrets, ParleyOptions options, TimeProvider clock)
{
    public static string RecordingPath(ParleyOptions options, string callId) =>
        Path.Combine(Path.GetFullPath(options.DataDirectory), "recordings", callId + ".wav");

    /// <summary>Returns the call as GET /call answers it now (null when the row is gone), for the call's messages to carry.</summary>
    public Task<JsonObject?> MarkInProgressAsync(string callId, DateTimeOffset startedAt) => UpdateAsync(callId, body =>
    {
        body["status"] = "in-progress";
        body["startedAt"] = JsonTime.Iso(startedAt);
    });

    public Task MarkEndedAsync(string callId, string endedReason, DateTimeOffset startedAt, DateTimeOffset endedAt, JsonObject artifact,
        JsonObject analysis, int malformedFrames, long droppedAudioFrames, JsonObject report) => UpdateAsync(callId, body =>
    {
        Api.Resources.CallRecord.End(body, endedReason, endedAt);
        body["startedAt"] = JsonTime.Iso(startedAt);
        body["messages"] = artifact["messages"]?.DeepClone() ?? new JsonArray();
        // artifactPlan.transcriptPlan.enabled false keeps the transcript out of the record too.
        if (artifact["transcript"] is { } transcript) body["transcript"] = transcript.DeepClone();
        body["artifact"] = artifact.DeepClone();
        body["analysis"] = analysis.DeepClone();
        // What the call used, as its end-of-call report gave it; every price is 0 here.
        body["costs"] = report["costs"]?.DeepClone() ?? new JsonArray();
        if (report["costBreakdown"] is { } breakdown) body["costBreakdown"] = breakdown.DeepClone();
        if (report["destination"] is { } destination) body["destination"] = destination.DeepClone();
        body["cost"] = 0;
        var diagnostics = new JsonObject();
        if (malformedFrames > 0) diagnostics["malformedFramesSkipped"] = malformedFrames;
        if (droppedAudioFrames > 0) diagnostics["audioFramesDroppedUntaken"] = droppedAudioFrames;
        if (diagnostics.Count > 0) body["transportDiagnostics"] = diagnostics;
    });

    /// <summary>Ends a call that Parley could not run, keeping what the record already had.</summary>
    public Task MarkFailedAsync(string callId, string endedReason, DateTimeOffset endedAt) =>
        UpdateAsync(callId, body => Api.Resources.CallRecord.End(body, endedReason, endedAt));

    /// <summary>
    /// The call's artifact: the end-of-call report's (messages, transcript, variableValues) plus the recording URLs,
    /// transfers and the speech providers used.
    /// </summary>
    public JsonObject Artifact(PreparedCall call, JsonObject? report, Api.Resources.RecordingLinks? recording, JsonObject speechProviders)
    {
        var artifact = (report?["artifact"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        artifact["variableValues"] ??= call.Kit.Context.VariableValues.DeepClone();
        if (recording is not null && File.Exists(RecordingPath(options, call.Row.Id)))
        {
            // As Vapi: recordingUrl is the mono mix, stereoRecordingUrl the two sides; recording holds them all.
            artifact["recordingUrl"] = recording.Combined;
            artifact["stereoRecordingUrl"] = recording.Stereo;
            artifact["recording"] = new JsonObject
            {
                ["stereoUrl"] = recording.Stereo,
                ["mono"] = new JsonObject { ["combinedUrl"] = recording.Combined, ["assistantUrl"] = recording.Assistant, ["customerUrl"] = recording.Customer },
            };
        }
        var transfers = call.Control.Transfers();
        if (transfers.Count > 0) artifact["transfers"] = transfers;
        artifact["speechProviders"] = speechProviders;
        return artifact;
    }

    private async Task<JsonObject?> UpdateAsync(string callId, Action<JsonObject> change)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var row = await db.Calls.FirstOrDefaultAsync(c => c.Id == callId);
        if (row is null) return null;
        // Stored server secrets are decrypted and protected again, never protected twice.
        var body = secrets.Decrypted(DocumentJson.ParseBody(row.Body));
        change(body);
        secrets.ProtectServerSecrets(body);
        row.Status = JsonRead.String(body["status"]) ?? row.Status;
        row.Body = body.ToJsonString();
        row.UpdatedAt = DocumentJson.Now(clock);
        await db.SaveChangesAsync();
        return DocumentJson.Compose(row, secrets.ForResponse(body));
    }

}
