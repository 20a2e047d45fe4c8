using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Tests.Support;

namespace Parley.Core.Tests.Calls.Stt;

// Invariant: an engine that does not list the call's rate gets the audio resampled to one it does, is told that
// rate, and gets it in recycled buffers (frame k's buffer serves again for frame k + OutputBuffers).
public class ResamplingSpeechToTextTests
{
    /// <summary>Takes only 16 kHz and remembers what it was given: the rate it was told, each frame's length and buffer.</summary>
    private sealed class SixteenKilohertzEngine : ISpeechToText
    {
        public readonly List<int> Lengths = [];
        public readonly List<short[]> Buffers = [];
        public int? ToldRate { get; private set; }

        public SttCapabilities Capabilities { get; } = new(false, false, [16000]);

        public async IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            ToldRate = options.SampleRate;
            await foreach (var frame in audio.WithCancellation(cancellationToken))
            {
                Assert.Equal(16000, frame.SampleRate);
                Lengths.Add(frame.Samples.Length);
                Buffers.Add(SampleBuffers.ArrayOf(frame.Samples));
            }
            yield break;
        }
    }

    private static async IAsyncEnumerable<AudioFrame> TelephoneFrames(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new AudioFrame(new short[160], 8000, TimeSpan.FromMilliseconds(20 * i));
        }
    }

    private static async Task<SixteenKilohertzEngine> Transcribe(int frames)
    {
        var engine = new SixteenKilohertzEngine();
        var stt = new ResamplingSpeechToText(engine);
        await foreach (var _ in stt.TranscribeAsync(TelephoneFrames(frames), new SttOptions { SampleRate = 8000 }, CancellationToken.None)) { }
        return engine;
    }

    [Fact]
    public async Task Telephone_audio_reaches_a_16_kHz_engine_at_16_kHz_and_the_engine_is_told_so()
    {
        var engine = await Transcribe(50);

        Assert.Equal(16000, engine.ToldRate);
        Assert.Equal(50, engine.Lengths.Count);
        // One second of 8 kHz audio is one second at 16 kHz, give or take the filter's delay.
        Assert.InRange(engine.Lengths.Sum(), 16000 - 64, 16000);
    }

    [Fact]
    public async Task Resampled_frames_reuse_a_fixed_set_of_buffers()
    {
        const int Slots = ResamplingSpeechToText.OutputBuffers;

        var engine = await Transcribe(3 * Slots);

        Assert.Equal(Slots, engine.Buffers.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Same(engine.Buffers[0], engine.Buffers[Slots]);
        Assert.Same(engine.Buffers[1], engine.Buffers[2 * Slots + 1]);
    }
}
