using System.Diagnostics;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Vad;

namespace Parley.Bench.Audio;

/// <summary>
/// Per-20 ms-frame cost of the audio hot paths beside naive baselines measured in the same run, with allocated
/// bytes per frame. Exit code 1 when a Parley path allocates: 0 B/frame is the budget.
/// </summary>
public static class AudioBench
{
    private const int Frames = 50_000;

    public static int Run(string[] args)
    {
        int frames = args.Length > 0 && int.TryParse(args[0], out int n) ? n : Frames;
        var rows = new List<Row>();
        var random = new Random(1);
        short[] pcm16k = Signal(16000, random);
        short[] pcm8k = Signal(8000, random);
        var out16 = new short[1024];
        var out8 = new short[1024];
        var codes = new byte[160];

        var down = new Resampler(16000, 8000);
        rows.Add(Measure("resample 16k->8k", "parley polyphase", frames, i => down.Process(Frame(pcm16k, i, 320), out8)));
        rows.Add(Measure("resample 16k->8k", "naive linear", frames, i => LinearResample(Frame(pcm16k, i, 320), 16000, 8000).Length));

        var up = new Resampler(8000, 16000);
        rows.Add(Measure("resample 8k->16k", "parley polyphase", frames, i => up.Process(Frame(pcm8k, i, 160), out16)));
        rows.Add(Measure("resample 8k->16k", "naive linear", frames, i => LinearResample(Frame(pcm8k, i, 160), 8000, 16000).Length));

        rows.Add(Measure("mu-law encode", "parley table", frames, i => { MuLaw.Encode(Frame(pcm8k, i, 160), codes); return codes[0]; }));
        rows.Add(Measure("mu-law encode", "scalar formula", frames, i =>
        {
            var src = Frame(pcm8k, i, 160);
            for (int k = 0; k < src.Length; k++) codes[k] = MuLaw.EncodeByFormula(src[k]);
            return codes[0];
        }));
        rows.Add(Measure("mu-law decode", "parley table", frames, i => { MuLaw.Decode(codes, out8); return out8[0]; }));
        rows.Add(Measure("mu-law decode", "scalar formula", frames, i =>
        {
            for (int k = 0; k < codes.Length; k++) out8[k] = MuLaw.DecodeByFormula(codes[k]);
            return out8[0];
        }));

        var vad = new VoiceActivityProcessor(16000, 320);
        rows.Add(Measure("vad per frame", "parley fft+floor", frames, i => vad.Process(Frame(pcm16k, i, 320), TimeSpan.FromMilliseconds(20.0 * i)) is null ? 0 : 1));
        rows.Add(Measure("vad per frame", "naive rms gate", frames, i => AudioLevel.Dbfs(Frame(pcm16k, i, 320)) > -40 ? 1 : 0));

        Console.WriteLine($"{"benchmark",-18} {"variant",-18} {"ns/frame",10} {"B/frame",9} {"vs baseline",12}");
        bool overBudget = false;
        foreach (var group in rows.GroupBy(r => r.Benchmark))
        {
            var baseline = group.Last();
            foreach (var row in group)
            {
                string ratio = row == baseline ? "1.00x" : $"{row.NsPerFrame / baseline.NsPerFrame:F2}x";
                Console.WriteLine($"{row.Benchmark,-18} {row.Variant,-18} {row.NsPerFrame,10:F0} {row.BytesPerFrame,9:F1} {ratio,12}");
                if (row.Variant.StartsWith("parley") && row.BytesPerFrame > 0) overBudget = true;
            }
        }
        if (overBudget) Console.Error.WriteLine("allocation budget exceeded: a Parley audio path allocates per frame (budget 0 B)");
        return overBudget ? 1 : 0;
    }

    private sealed record Row(string Benchmark, string Variant, double NsPerFrame, double BytesPerFrame);

    private static Row Measure(string benchmark, string variant, int frames, Func<int, int> body)
    {
        long sink = 0;
        // Warm-up long enough for tiered JIT to promote the loops (its background compile waits ~100 ms).
        long warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3 / 10;
        for (int i = 0; Stopwatch.GetTimestamp() < warmUntil; i++) sink += body(i);
        Thread.Sleep(100);
        for (int i = 0; i < 1_000; i++) sink += body(i);
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < frames; i++) sink += body(i);
        long elapsed = Stopwatch.GetTimestamp() - start;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        GC.KeepAlive(sink);
        return new Row(benchmark, variant, elapsed * 1e9 / Stopwatch.Frequency / frames, (double)bytes / frames);
    }

    private static ReadOnlySpan<short> Frame(short[] signal, int index, int length) =>
        signal.AsSpan(index % (signal.Length / length - 1) * length, length);

    // Speech-like test signal: a few harmonics with noise and on/off segments, 10 s long.
    private static short[] Signal(int rate, Random random)
    {
        var x = new short[rate * 10];
        for (int i = 0; i < x.Length; i++)
        {
            double t = (double)i / rate;
            bool on = (int)(t * 2) % 3 != 0;
            double v = on ? 0.3 * Math.Sin(2 * Math.PI * 180 * t) + 0.1 * Math.Sin(2 * Math.PI * 900 * t) : 0;
            x[i] = (short)(32767 * (v + 0.01 * (random.NextDouble() - 0.5)));
        }
        return x;
    }

    // The naive approach: a new array per chunk and straight-line interpolation (no anti-aliasing, no state).
    private static short[] LinearResample(ReadOnlySpan<short> input, int from, int to)
    {
        var output = new short[input.Length * to / from];
        double step = (double)from / to;
        for (int i = 0; i < output.Length; i++)
        {
            double pos = i * step;
            int k = (int)pos;
            double frac = pos - k;
            short a = input[k], b = input[Math.Min(k + 1, input.Length - 1)];
            output[i] = (short)(a + (b - a) * frac);
        }
        return output;
    }
}
