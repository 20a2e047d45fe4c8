using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Session;
using Parley.Server.Calls;

namespace Parley.Server.Tests.Calls;

/// <summary>The denoising plan on a call's inbound audio: 20 ms pieces, cleaned before the call hears them.</summary>
public sealed class DenoisingCallInputTests
{
    [Fact]
    public void No_plan_means_no_denoiser()
    {
        var (denoiser, warnings) = DenoisingCallInput.FromPlan(new JsonObject(), 16000);
        Assert.Null(denoiser);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Out_of_range_fourier_fields_are_reported_and_nothing_runs()
    {
        var assistant = JsonNode.Parse("""{"backgroundSpeechDenoisingPlan":{"fourierDenoisingPlan":{"enabled":true,"staticThreshold":20}}}""")!.AsObject();
        var (denoiser, warnings) = DenoisingCallInput.FromPlan(assistant, 16000);
        Assert.Null(denoiser);
        Assert.Equal(["staticThreshold must be between -80 and 0"], warnings);
    }

    [Fact]
    public void Quiet_background_noise_is_cut_into_20_ms_frames_and_suppressed()
    {
        var assistant = JsonNode.Parse("""{"backgroundSpeechDenoisingPlan":{"fourierDenoisingPlan":{"enabled":true}}}""")!.AsObject();
        var (denoiser, _) = DenoisingCallInput.FromPlan(assistant, 16000);
        var heard = new RecordingInput();
        using var input = new DenoisingCallInput(heard, denoiser!);

        var random = new Random(7);
        var noise = new short[16000 * 3];
        for (var i = 0; i < noise.Length; i++) noise[i] = (short)(random.NextDouble() * 400 - 200);
        // Odd-sized client frames: the input regroups them.
        for (var offset = 0; offset < noise.Length; offset += 500)
            input.PushCallerAudio(new AudioFrame(noise.AsMemory(offset, Math.Min(500, noise.Length - offset)), 16000, TimeSpan.Zero));

        Assert.All(heard.Frames, f => Assert.Equal(320, f.Samples.Length));
        Assert.Equal(noise.Length / 320, heard.Frames.Count);
        var lastSecondIn = Rms(noise.AsSpan(noise.Length - 16000));
        var lastSecondOut = Rms(heard.Frames.TakeLast(50).SelectMany(f => f.Samples.ToArray()).ToArray());
        Assert.True(lastSecondOut < lastSecondIn / 4, $"noise RMS {lastSecondIn:F1} became {lastSecondOut:F1}: not suppressed");
    }

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    private sealed class RecordingInput : ICallInput
    {
        public List<AudioFrame> Frames { get; } = [];
        public void PushCallerAudio(AudioFrame frame) => Frames.Add(frame);
        public void Receive(JsonObject controlMessage) { }
        public void End(string endedReason) { }
    }
}
