using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Tts;

/// <summary>
/// Puts any TTS engine's audio into the call's shape: resampled to the call's rate when the engine speaks another
/// (eSpeak NG's 22050 Hz, say) and cut into exact 20 ms frames, the unit the pacer schedules. The last frame of a
/// reply is padded with silence. A frame that already has that shape passes through untouched: the pacer copies what
/// it queues, so nothing downstream writes to a frame.
/// </summary>
public sealed class WireFramedTextToSpeech(ITextToSpeech inner) : ITextToSpeech
{
    public TtsCapabilities Capabilities => inner.Capabilities;

    public async IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rate = options.SampleRate;
        var frameLength = rate / 50;
        var slicer = new FrameSlicer<short>(frameLength);
        Resampler? resampler = null;
        short[] converted = [];
        short[]? spare = null;
        var ready = new List<AudioFrame>();
        await foreach (var e in inner.SynthesizeAsync(text, options, cancellationToken).WithCancellation(cancellationToken))
        {
            if (e is not TtsAudio audio)
            {
                yield return e;
                continue;
            }
            // Most frames from most engines are already whole frames at the call's rate (eSpeak's 22,050 Hz and a reply's short last frame are not): they pass as they are.
            if (slicer.PendingCount == 0 && audio.Frame.SampleRate == rate && audio.Frame.Samples.Length == frameLength)
            {
                yield return audio;
                continue;
            }
            ready.Clear();
            Convert(audio.Frame);
            foreach (var frame in ready) yield return new TtsAudio(frame);
        }
        ready.Clear();
        if (resampler is not null)
        {
            EnsureCapacity(resampler.MaxOutputLength(0));
            Cut(converted.AsSpan(0, resampler.Flush(converted)));
        }
        if (slicer.PendingCount > 0)
        {
            var silence = new short[frameLength - slicer.PendingCount];
            Cut(silence);
        }
        foreach (var frame in ready) yield return new TtsAudio(frame);

        void Convert(AudioFrame frame)
        {
            if (frame.SampleRate == rate)
            {
                Cut(frame.Samples.Span);
                return;
            }
            if (resampler is null || resampler.InputRate != frame.SampleRate) resampler = new Resampler(frame.SampleRate, rate);
            EnsureCapacity(resampler.MaxOutputLength(frame.Samples.Length));
            Cut(converted.AsSpan(0, resampler.Process(frame.Samples.Span, converted)));
        }

        void EnsureCapacity(int length)
        {
            if (converted.Length < length) converted = new short[length];
        }

        void Cut(ReadOnlySpan<short> samples)
        {
            // Each frame gets its own buffer (consumers may keep frames); a buffer the slicer did not fill waits for the next call.
            var piece = spare ?? new short[frameLength];
            while (slicer.TryTakeFrame(ref samples, piece))
            {
                ready.Add(new AudioFrame(piece, rate, TimeSpan.Zero));
                piece = new short[frameLength];
            }
            spare = piece;
        }
    }
}
