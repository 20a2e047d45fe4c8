using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;

namespace Parley.Core.Calls.Simulation;

/// <summary>An STT engine that transcribes the script: one partial per word as it is spoken, then a final.</summary>
public sealed class FakeStt(CallScript script, TimeProvider clock, DateTimeOffset origin) : ISpeechToText
{
    public SttCapabilities Capabilities { get; } = new(true, false, [8000, 16000, 24000]);

    public async IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var utterance in script.Caller.Utterances)
        {
            var words = utterance.Words;
            if (words.Length == 0) continue;
            var length = utterance.To - utterance.From;
            for (var i = 1; i < words.Length; i++)
            {
                await ClockDelays.Until(clock, origin, utterance.From + length * i / words.Length, cancellationToken);
                yield return new TranscriptPartial(string.Join(' ', words[..i]), []);
            }
            await ClockDelays.Until(clock, origin, utterance.To + utterance.FinalDelay, cancellationToken);
            yield return new TranscriptFinal(utterance.Text, []);
        }
    }
}
