using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Vad;

namespace Parley.Core.Tests.Calls.Vad;

/// <summary>
/// A test recording: utterances separated by silence, with the true speech spans measured on the clean
/// signal, optionally buried in white or pink noise at a given SNR.
/// </summary>
internal sealed class SpeechScene
{
    public const int Rate = 16000;

    private SpeechScene(short[] samples, List<(TimeSpan Start, TimeSpan End)> truth, int sampleRate)
    {
        Samples = samples;
        Truth = truth;
        SampleRate = sampleRate;
    }

    public int SampleRate { get; }

    public short[] Samples { get; }
    public List<(TimeSpan Start, TimeSpan End)> Truth { get; }

    public static SpeechScene Build(IReadOnlyList<short[]> utterances, double leadSeconds = 1.0, double gapSeconds = 1.5, int rate = Rate)
    {
        var all = new List<short>();
        var truth = new List<(TimeSpan, TimeSpan)>();
        all.AddRange(new short[(int)(leadSeconds * rate)]);
        foreach (var utterance in utterances)
        {
            var (first, last) = ActiveSpan(utterance, rate);
            truth.Add((Time(all.Count + first, rate), Time(all.Count + last, rate)));
            all.AddRange(utterance);
            all.AddRange(new short[(int)(gapSeconds * rate)]);
        }
        return new SpeechScene(all.ToArray(), truth, rate);
    }

    /// <summary>Mixes noise so that speech power (over the true spans) is <paramref name="snrDb"/> above it.</summary>
    public short[] WithNoise(double snrDb, bool pink, int seed)
    {
        double speechPower = 0;
        long count = 0;
        foreach (var (start, end) in Truth)
        {
            for (int i = Index(start, SampleRate); i < Index(end, SampleRate); i++) { speechPower += (double)Samples[i] * Samples[i]; count++; }
        }
        speechPower /= count;
        double noiseRms = Math.Sqrt(speechPower / Math.Pow(10, snrDb / 10));
        var noise = pink ? Noise.Pink(Samples.Length, seed) : Noise.White(Samples.Length, seed);
        var mixed = new short[Samples.Length];
        for (int i = 0; i < mixed.Length; i++) mixed[i] = (short)Math.Clamp(Samples[i] + noise[i] * noiseRms, short.MinValue, short.MaxValue);
        return mixed;
    }

    public static List<VoiceActivityEvent> RunVad(short[] samples, int rate, VadOptions? options = null)
    {
        int frame = FrameSize.Samples(rate);
        var vad = new VoiceActivityProcessor(rate, frame, options);
        var events = new List<VoiceActivityEvent>();
        for (int pos = 0; pos + frame <= samples.Length; pos += frame)
        {
            if (vad.Process(samples.AsSpan(pos, frame), FrameSize.DurationOf(pos, rate)) is { } e) events.Add(e);
        }
        return events;
    }

    public static short[] To16k(WavFile wav) => Resampler.Convert(wav.Samples, wav.SampleRate, Rate);

    public static short[] LoadFixture(string name, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures", name);
        var codes = File.ReadAllBytes(path);
        var samples = new short[codes.Length];
        MuLaw.Decode(codes, samples);
        return samples;
    }

    /// <summary>First and last sample of 5 ms windows within 35 dB of the loudest window.</summary>
    private static (int First, int Last) ActiveSpan(short[] x, int rate)
    {
        int window = rate / 200;
        double peak = double.MinValue;
        for (int i = 0; i + window <= x.Length; i += window) peak = Math.Max(peak, AudioLevel.Dbfs(x.AsSpan(i, window)));
        int first = -1, last = -1;
        for (int i = 0; i + window <= x.Length; i += window)
        {
            if (AudioLevel.Dbfs(x.AsSpan(i, window)) < peak - 35) continue;
            if (first < 0) first = i;
            last = i + window;
        }
        return (first, last);
    }

    private static TimeSpan Time(int sample, int rate) => FrameSize.DurationOf(sample, rate);
    private static int Index(TimeSpan t, int rate) => (int)(t.Ticks * rate / TimeSpan.TicksPerSecond);
}
