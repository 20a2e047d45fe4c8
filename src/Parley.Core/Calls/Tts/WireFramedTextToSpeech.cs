using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Tts;

/// <summary>
/// Puts any TTS engine's audio into the call's shape: resampled to the call's rate when the engine speaks another
/// (eSpeak NG's 22050 Hz, say) and cut on 20 ms frame boundaries, the unit the pacer schedules. Each piece of the
/// engine's audio becomes one run of the whole frames it completed (the rest waits for the next piece), not an event
/// per frame; the last frame of a reply is padded with silence. A piece that is already whole frames at the call's
/// rate passes through untouched: the pacer copies what it queues, so nothing downstream writes to it.
/// </summary>
public sealed class WireFramedTextToSpeech(ITextToSpeech inner) : ITextToSpeech
{
    public TtsCapabilities Capabilities => inner.Capabilities;

    public async IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rate = options.SampleRate;
        var frameLength = FrameSize.Samples(rate);
        var slicer = new FrameSlicer<short>(frameLength);
        Resampler? resampler = null;
        short[] converted = [];
        await foreach (var e in inner.SynthesizeAsync(text, options, cancellationToken).WithCancellation(cancellationToken))
        {
            if (e is not TtsAudio audio)
            {
                yield return e;
                continue;
            }
            // Most pieces from most engines are already whole frames at the call's rate (eSpeak's 22,050 Hz and a
            // reply's short last piece are not): they pass as they are.
            var length = audio.Frame.Samples.Length;
            if (slicer.PendingCount == 0 && audio.Frame.SampleRate == rate && length > 0 && length % frameLength == 0)
            {
                yield return audio;
                continue;
            }
            if (Cut(Convert(audio.Frame)) is { } run) yield return new TtsAudio(run);
        }
        var tail = ReadOnlySpan<short>.Empty;
        if (resampler is not null)
        {
            EnsureCapacity(resampler.MaxOutputLength(0));
            tail = converted.AsSpan(0, resampler.Flush(converted));
        }
        // The reply's last frame: what is left, padded with silence to a whole frame.
        var part = (slicer.PendingCount + tail.Length) % frameLength;
        if (tail.Length > 0 || part > 0)
        {
            var end = new short[tail.Length + (part == 0 ? 0 : frameLength - part)];
            tail.CopyTo(end);
            if (Cut(end) is { } last) yield return new TtsAudio(last);
        }

        ReadOnlySpan<short> Convert(AudioFrame frame)
        {
            if (frame.SampleRate == rate) return frame.Samples.Span;
            if (resampler is null || resampler.InputRate != frame.SampleRate) resampler = new Resampler(frame.SampleRate, rate);
            EnsureCapacity(resampler.MaxOutputLength(frame.Samples.Length));
            return converted.AsSpan(0, resampler.Process(frame.Samples.Span, converted));
        }

        void EnsureCapacity(int length)
        {
            if (converted.Length < length) converted = new short[length];
        }

        // The whole frames the samples complete, in one new buffer (consumers may keep what they are given); what is
        // short of a frame waits in the slicer for the next piece.
        AudioFrame? Cut(ReadOnlySpan<short> samples) =>
            slicer.TakeWholeFrames(samples) is { } run ? new AudioFrame(run, rate, TimeSpan.Zero) : null;
    }
}
