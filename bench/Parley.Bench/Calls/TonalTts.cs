using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Tts;

namespace Parley.Bench.Calls;

/// <summary>
/// A fake voice with a set time to first byte per text chunk, then the chunk's whole audio at once (faster than
/// real time, as real engines stream) in pieces of up to a second, as a streaming engine delivers its audio: whole 20 ms
/// frames of a harmonic tone, so the client can tell audio from nothing and no silence hides a gap.
/// </summary>
public sealed class TonalTts(TimeSpan firstByte, TimeSpan perCharacter, TimeProvider clock) : ITextToSpeech
{
    private static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(20);
    private const int FrameSamples = 320;
    private const int FramesPerPiece = 50;
    // A second of the tone, read-only and shared: a piece is a slice of it, so the fake voice allocates no audio of its
    // own that the server's figures would count.
    private static readonly short[] Tone = Repeat(OneFrame(16000), FramesPerPiece);

    public TtsCapabilities Capabilities { get; } = new(true, [16000]);

    public async IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in text.WithCancellation(cancellationToken))
        {
            await ProviderDelays.WaitAsync(firstByte, clock, cancellationToken);
            var frames = (int)Math.Ceiling(chunk.Length * perCharacter.Ticks / (double)FrameLength.Ticks);
            for (var sent = 0; sent < frames; sent += FramesPerPiece)
            {
                var piece = Math.Min(FramesPerPiece, frames - sent);
                yield return new TtsAudio(new AudioFrame(Tone.AsMemory(0, piece * FrameSamples), 16000, TimeSpan.Zero));
            }
        }
    }

    private static short[] Repeat(short[] frame, int times)
    {
        var run = new short[frame.Length * times];
        for (var i = 0; i < times; i++) frame.CopyTo(run, i * frame.Length);
        return run;
    }

    /// <summary>One 20 ms frame of 200 Hz and harmonics: a whole number of periods, so frames join without clicks.</summary>
    private static short[] OneFrame(int rate)
    {
        var frame = new short[rate / 50];
        for (var i = 0; i < frame.Length; i++)
        {
            var t = i / (double)rate;
            var v = 0.0;
            for (var h = 1; h <= 6; h++) v += Math.Sin(2 * Math.PI * 200 * h * t) / h;
            frame[i] = (short)(v * 4000);
        }
        return frame;
    }
}
