using Parley.Core.Calls.Audio;

namespace Parley.Providers.Tests.Speech;

/// <summary>Synthetic audio for protocol tests: a tone split into 20 ms frames.</summary>
internal static class SpeechTestAudio
{
    public static async IAsyncEnumerable<AudioFrame> Tone(int sampleRate, int frames, short amplitude = 3000)
    {
        var perFrame = sampleRate / 50;
        for (var f = 0; f < frames; f++)
        {
            var samples = new short[perFrame];
            for (var i = 0; i < perFrame; i++)
                samples[i] = (short)(amplitude * Math.Sin(2 * Math.PI * 440 * (f * perFrame + i) / sampleRate));
            yield return new AudioFrame(samples, sampleRate, TimeSpan.FromMilliseconds(20 * f));
            await Task.Yield();
        }
    }

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }

    public static async IAsyncEnumerable<string> Chunks(params string[] chunks)
    {
        foreach (var c in chunks) { await Task.Yield(); yield return c; }
    }
}
