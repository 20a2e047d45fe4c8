using System.Buffers.Binary;
using Parley.Core.Calls.Vad;

namespace Parley.Bench.Calls;

/// <summary>
/// The caller's voice, made once and shared by every client as ready-to-send PCM16LE 20 ms frames at 16 kHz: a
/// voiced harmonic signal (120 Hz with a slow pitch drift) modulated at a syllable rate of 4 Hz, and a quiet
/// noise bed (about -67 dBFS) for the pauses, so the VAD has a noise floor to learn instead of digital zeros.
/// </summary>
public sealed class CallerAudio
{
    public const int SampleRate = 16000;
    public const int FrameSamples = SampleRate / 50;
    public const int UtteranceFrames = 50;

    private CallerAudio(byte[][] speech, byte[][] pause)
    {
        Speech = speech;
        Pause = pause;
    }

    /// <summary>One utterance: 1 s of speech, voiced from its first frame to its last.</summary>
    public IReadOnlyList<byte[]> Speech { get; }

    /// <summary>One second of the noise bed, played in a loop between utterances.</summary>
    public IReadOnlyList<byte[]> Pause { get; }

    public static CallerAudio Create()
    {
        var random = new Random(7);
        var speech = new short[UtteranceFrames * FrameSamples];
        var phase = 0.0;
        for (var i = 0; i < speech.Length; i++)
        {
            var t = i / (double)SampleRate;
            var pitch = 120 + 15 * Math.Sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / SampleRate;
            var v = 0.0;
            // Harmonics up to ~3 kHz with a gentle roll-off put the energy inside the VAD's 250-3800 Hz band.
            for (var h = 1; h <= 24; h++) v += Math.Sin(h * phase) / Math.Sqrt(h);
            // Syllables at 4 Hz, never dipping below 40%: pauses inside a word are the VAD's problem, not this bench's.
            var syllable = 0.7 + 0.3 * Math.Cos(2 * Math.PI * 4 * t);
            // 5 ms ramps keep the edges click-free while the first and last frames stay clearly voiced.
            var ramp = Math.Min(1, Math.Min(i, speech.Length - 1 - i) / (0.005 * SampleRate));
            speech[i] = (short)Math.Clamp(v * syllable * ramp * 1500 + Noise(random), short.MinValue, short.MaxValue);
        }
        var pause = new short[50 * FrameSamples];
        for (var i = 0; i < pause.Length; i++) pause[i] = (short)Noise(random);
        return new CallerAudio(Frames(speech), Frames(pause));
    }

    /// <summary>
    /// Plays pause, utterance, pause through the real VAD and checks the edges the bench relies on: speech starts at
    /// the utterance's first frame, and stops at its last frame, StopSeconds later. Returns null when all holds.
    /// </summary>
    public string? CheckWithVad(VadOptions options)
    {
        var vad = new VoiceActivityProcessor(SampleRate, FrameSamples, options);
        var frames = Pause.Concat(Speech).Concat(Pause).ToList();
        var samples = new short[FrameSamples];
        var onset = TimeSpan.FromMilliseconds(20 * Pause.Count);
        var end = onset + TimeSpan.FromMilliseconds(20 * Speech.Count);
        VoiceActivityEvent? started = null, stopped = null;
        for (var i = 0; i < frames.Count; i++)
        {
            for (var k = 0; k < FrameSamples; k++) samples[k] = BinaryPrimitives.ReadInt16LittleEndian(frames[i].AsSpan(k * 2));
            if (vad.Process(samples, TimeSpan.FromMilliseconds(20 * i)) is not { } edge) continue;
            if (edge.Kind == VoiceActivityKind.SpeechStarted) started ??= edge;
            else stopped ??= edge;
        }
        if (started is null) return "the VAD never heard the bench speech start";
        if (started.Value.At != onset) return $"the VAD put the speech onset at {started.Value.At.TotalMilliseconds} ms, not {onset.TotalMilliseconds} ms";
        if (stopped is null) return "the VAD never heard the bench speech stop";
        if (stopped.Value.At != end) return $"the VAD put the speech end at {stopped.Value.At.TotalMilliseconds} ms, not {end.TotalMilliseconds} ms";
        var stopWait = stopped.Value.DetectedAt - stopped.Value.At;
        if (stopWait != TimeSpan.FromSeconds(options.StopSeconds)) return $"the VAD confirmed the stop {stopWait.TotalMilliseconds} ms after the end, not StopSeconds";
        return null;
    }

    private static double Noise(Random random) => (random.NextDouble() * 2 - 1) * 25;

    private static byte[][] Frames(short[] samples)
    {
        var frames = new byte[samples.Length / FrameSamples][];
        for (var f = 0; f < frames.Length; f++)
        {
            frames[f] = new byte[FrameSamples * 2];
            for (var k = 0; k < FrameSamples; k++)
                BinaryPrimitives.WriteInt16LittleEndian(frames[f].AsSpan(k * 2), samples[f * FrameSamples + k]);
        }
        return frames;
    }
}
