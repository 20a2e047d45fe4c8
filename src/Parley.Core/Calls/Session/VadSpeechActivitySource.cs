using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Vad;

namespace Parley.Core.Calls.Session;

/// <summary>
/// The real voice activity detector on the caller's audio: frames of any length are cut into 20 ms pieces (the
/// detector's analysis window) and each confirmed edge becomes a <see cref="SpeechActivity"/>. One buffer per call,
/// nothing allocated per frame.
/// </summary>
public sealed class VadSpeechActivitySource(int sampleRate, VadOptions? options = null) : ISpeechActivitySource
{
    public async IAsyncEnumerable<SpeechActivity> ListenAsync(IAsyncEnumerable<AudioFrame> callerAudio,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var frameLength = sampleRate / 50;
        var processor = new VoiceActivityProcessor(sampleRate, frameLength, options);
        var slicer = new FrameSlicer<short>(frameLength);
        var frame = new short[frameLength];
        var position = TimeSpan.Zero;
        var frameDuration = TimeSpan.FromTicks(frameLength * TimeSpan.TicksPerSecond / sampleRate);
        var edges = new List<VoiceActivityEvent>(2);
        await foreach (var input in callerAudio.WithCancellation(cancellationToken))
        {
            if (input.SampleRate != sampleRate) continue;
            edges.Clear();
            Slice(input.Samples.Span);
            foreach (var edge in edges)
                yield return new SpeechActivity(edge.Kind == VoiceActivityKind.SpeechStarted, edge.DetectedAt - edge.At);
        }

        // Spans cannot live across an await, so the slicing happens in this synchronous helper.
        void Slice(ReadOnlySpan<short> samples)
        {
            while (slicer.TryTakeFrame(ref samples, frame))
            {
                if (processor.Process(frame, position) is { } edge) edges.Add(edge);
                position += frameDuration;
            }
        }
    }
}
