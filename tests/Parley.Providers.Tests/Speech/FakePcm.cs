using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Parley.Core.Calls.Tts;

namespace Parley.Providers.Tests.Speech;

/// <summary>Deterministic "speech" that fakes return, and the checks every TTS test makes on frames.</summary>
internal static class FakePcm
{
    public const int SamplesPerChar = 97;

    public static short[] For(string text) =>
        Enumerable.Range(0, text.Length * SamplesPerChar).Select(i => (short)((i * 37 + text.Length) % 20000 - 10000)).ToArray();

    public static byte[] Bytes(string text)
    {
        var samples = For(text);
        var bytes = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>Writes in odd-sized pieces so adapters must handle samples split across reads.</summary>
    public static async Task WriteChunkedAsync(HttpResponse response, byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i += 333)
        {
            await response.Body.WriteAsync(bytes.AsMemory(i, Math.Min(333, bytes.Length - i)));
            await response.Body.FlushAsync();
        }
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpRequest request) =>
        (await JsonDocument.ParseAsync(request.Body)).RootElement.Clone();

    /// <summary>
    /// The audio comes as runs of whole 20 ms frames at the stated rate (only the last may end short), contiguous on the
    /// timeline, and carries exactly the expected samples.
    /// </summary>
    public static void AssertFrames(IReadOnlyList<TtsEvent> events, int sampleRate, IEnumerable<short> expected)
    {
        var frames = events.Select(e => Assert.IsType<TtsAudio>(e).Frame).ToList();
        Assert.NotEmpty(frames);
        var next = TimeSpan.Zero;
        for (var i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            Assert.Equal(sampleRate, f.SampleRate);
            Assert.True(f.Samples.Length > 0);
            if (i < frames.Count - 1) Assert.Equal(0, f.Samples.Length % (sampleRate / 50));
            Assert.Equal(next, f.Timestamp);
            next += f.Duration;
        }
        Assert.Equal(expected, frames.SelectMany(f => f.Samples.ToArray()));
    }
}
