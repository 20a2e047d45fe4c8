using System.Net;
using Parley.Core.Calls.Quality;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// A whole voice call with no network: eSpeak NG speaks the caller's line into a live call over the WebSocket
/// transport; Parley hears it with PocketSphinx (transcriber "vapi"), a scripted model answers, Parley speaks the
/// answer with eSpeak NG (voice "vapi"), and PocketSphinx transcribing Parley's output audio recovers the answer.
/// </summary>
[Collection(OfflineVoiceCollection.Name)]
public sealed class OfflineVoiceLoopTests(ITestOutputHelper output)
{
    private const string CallerLine = "i would like to book a table for two people";
    private const string Answer = "sure i can book a table for two people tomorrow";

    /// <summary>
    /// PocketSphinx's small model on eSpeak NG's robotic voice is a weak pair (see the offline engine tests): both
    /// directions measured 60% in every run here, once the whole answer has played; random text would sit near 100%.
    /// </summary>
    private const double MaxWordErrorRate = 0.7;

    [OfflineEngineFact]
    public async Task A_caller_line_is_heard_answered_and_the_answer_is_spoken_back()
    {
        await using var harness = await CallHarness.StartAsync();
        harness.Model.Says(Answer);
        // After the call, the default analysisPlan asks for a summary and a success evaluation, in parallel.
        for (var i = 0; i < 2; i++)
            harness.Model.Answers(request => request.ToJsonString().Contains("note-taker") ? "The caller asked to book a table." : "true");
        var call = await harness.CreateCallAsync($$"""
            {"name":"Offline","firstMessage":"Hello.","model":{"provider":"openai","model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."}]},
             "voice":{"provider":"vapi","voiceId":"Elliot"},"transcriber":{"provider":"vapi"},
             "startSpeakingPlan":{"waitSeconds":0.2},
             "server":{"url":"{{harness.Webhooks.BaseUrl}}/events"},"serverMessages":["status-update","end-of-call-report"]}
            """);
        var callId = call["id"]!.GetValue<string>();
        var line = await WebSocketCaller.SpeakAsync(CallerLine, 16000);

        await using var caller = await harness.ConnectAsync(call);
        await caller.SilenceAsync(TimeSpan.FromSeconds(2));
        await caller.StreamAsync(line);
        var lineEnded = caller.Now;
        // The call ends only once the whole answer has played: on a loaded machine (CI runs the test assemblies side by
        // side on two cores) hearing, answering and speaking can take far longer than the answer's three seconds, and a
        // fixed wait cut the answer short there.
        var silence = caller.SilenceAsync(TimeSpan.FromSeconds(3));
        // Any final words after the greeting will do: whether they are the whole answer is for the checks below to say.
        await caller.WaitForMessageAsync("transcript", m => m["role"]?.GetValue<string>() == "assistant"
            && m["transcriptType"]?.GetValue<string>() == "final" && m["transcript"]?.GetValue<string>() != "Hello.", TimeSpan.FromSeconds(60));
        await silence;
        await caller.EndCallAsync(TimeSpan.FromSeconds(20));

        // What Parley heard reached the model.
        var request = harness.Model.Requests.First();
        var heardByParley = request["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        var (callerErrors, callerWords) = WordErrorRate.Count(CallerLine, heardByParley);
        output.WriteLine($"caller said:   {CallerLine}\nParley heard:  {heardByParley}  (WER {100.0 * callerErrors / callerWords:F0}%)");
        Assert.True(callerErrors <= callerWords * MaxWordErrorRate, $"Parley's transcript '{heardByParley}' is too far from '{CallerLine}'");

        // What Parley said carries the answer.
        var spoken = caller.AssistantAudioAfter(lineEnded);
        var answerFrames = caller.AssistantAudio.Where(a => a.At >= lineEnded).Select(a => a.At - lineEnded).ToList();
        if (answerFrames.Count > 0)
            output.WriteLine($"answer audio arrived from {answerFrames.First().TotalSeconds:F2} s to {answerFrames.Last().TotalSeconds:F2} s after the line ended");
        Assert.True(spoken.Length > 16000, $"only {spoken.Length} samples of answer audio arrived");
        var heardFromParley = await WebSocketCaller.TranscribeAsync(spoken);
        var (answerErrors, answerWords) = WordErrorRate.Count(Answer, heardFromParley);
        output.WriteLine($"Parley said:   {Answer}\ncaller heard:  {heardFromParley}  (WER {100.0 * answerErrors / answerWords:F0}%)");
        Assert.True(answerErrors <= answerWords * MaxWordErrorRate, $"the answer audio transcribes as '{heardFromParley}', too far from '{Answer}'");

        // The call record holds the outcome.
        var ended = await harness.EndedCallAsync(callId);
        Assert.Equal("customer-ended-call", ended["endedReason"]!.GetValue<string>());
        var transcript = ended["artifact"]!["transcript"]!.GetValue<string>();
        Assert.Contains("AI: Hello.", transcript);
        Assert.Contains("AI: " + Answer, transcript);
        Assert.Contains("User: " + heardByParley, transcript);
        Assert.NotNull(ended["startedAt"]);
        Assert.Equal("The caller asked to book a table.", ended["analysis"]!["summary"]!.GetValue<string>());
        Assert.Equal("true", ended["analysis"]!["successEvaluation"]!.GetValue<string>());
        Assert.Equal("vapi", ended["artifact"]!["speechProviders"]!["voices"]![0]!["provider"]!.GetValue<string>());
        Assert.NotNull(ended["endedAt"]);

        // The stereo recording is fetchable and holds both sides; Vapi's mono views are the mix and each side.
        var recording = ended["artifact"]!["recording"]!;
        var stereoUrl = new Uri(recording["stereoUrl"]!.GetValue<string>());
        Assert.Equal(stereoUrl.ToString(), ended["artifact"]!["stereoRecordingUrl"]!.GetValue<string>());
        var recordingUrl = new Uri(ended["artifact"]!["recordingUrl"]!.GetValue<string>());
        Assert.Equal(recordingUrl.ToString(), recording["mono"]!["combinedUrl"]!.GetValue<string>());
        var bytes = await WavAsync(harness, stereoUrl, channels: 2);
        var (customerPeak, assistantPeak) = ChannelPeaks(bytes);
        Assert.True(customerPeak > 1000 && assistantPeak > 1000, $"channel peaks {customerPeak}/{assistantPeak}: a side is missing");
        var customer = await WavAsync(harness, new Uri(recording["mono"]!["customerUrl"]!.GetValue<string>()), channels: 1);
        var assistantSide = await WavAsync(harness, new Uri(recording["mono"]!["assistantUrl"]!.GetValue<string>()), channels: 1);
        var mixed = await WavAsync(harness, recordingUrl, channels: 1);
        Assert.Equal((bytes.Length - 44) / 2, customer.Length - 44);
        for (var i = 44; i + 3 < bytes.Length; i += 4)
        {
            var (left, right) = (BitConverter.ToInt16(bytes, i), BitConverter.ToInt16(bytes, i + 2));
            var at = 44 + (i - 44) / 2;
            Assert.Equal(left, BitConverter.ToInt16(customer, at));
            Assert.Equal(right, BitConverter.ToInt16(assistantSide, at));
            Assert.Equal(Math.Clamp(left + right, short.MinValue, short.MaxValue), BitConverter.ToInt16(mixed, at));
        }

        // The webhook server got the status updates and the end-of-call report.
        var types = harness.Webhooks.Requests.Select(r => r.Json["message"]!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("status-update", types);
        Assert.Contains("end-of-call-report", types);
        // serverMessages chose two types: nothing else is posted (speech-update, conversation-update are defaults otherwise).
        Assert.All(types, t => Assert.Contains(t, new[] { "status-update", "end-of-call-report" }));
        // The client socket gets Vapi's default client messages, and model output among them.
        Assert.NotEmpty(caller.MessagesOfType("model-output"));
        Assert.Contains(caller.MessagesOfType("status-update"), m => m["status"]!.GetValue<string>() == "in-progress");
        var report = harness.Webhooks.Requests.Select(r => r.Json["message"]!).Single(m => m["type"]!.GetValue<string>() == "end-of-call-report");
        Assert.Equal(callId, report["call"]!["id"]!.GetValue<string>());
        Assert.Equal("customer-ended-call", report["endedReason"]!.GetValue<string>());
        Assert.Equal("The caller asked to book a table.", report["analysis"]!["summary"]!.GetValue<string>());
        Assert.Equal(recordingUrl.ToString(), report["artifact"]!["recordingUrl"]!.GetValue<string>());
    }

    private static async Task<byte[]> WavAsync(CallHarness harness, Uri url, int channels)
    {
        var response = await harness.Client.GetAsync(url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(channels, BitConverter.ToInt16(bytes, 22));
        Assert.Equal(16000, BitConverter.ToInt32(bytes, 24));
        Assert.Equal(bytes.Length - 44, BitConverter.ToInt32(bytes, 40));
        return bytes;
    }

    private static (int Customer, int Assistant) ChannelPeaks(byte[] wav)
    {
        int customer = 0, assistant = 0;
        for (var i = 44; i + 3 < wav.Length; i += 4)
        {
            customer = Math.Max(customer, Math.Abs((int)BitConverter.ToInt16(wav, i)));
            assistant = Math.Max(assistant, Math.Abs((int)BitConverter.ToInt16(wav, i + 2)));
        }
        return (customer, assistant);
    }
}

/// <summary>Offline-engine call tests run one at a time: both engines are process-wide native libraries.</summary>
[CollectionDefinition(Name)]
public sealed class OfflineVoiceCollection
{
    public const string Name = "offline voice";
}
