using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Session;

namespace Parley.Core.Calls.Simulation;

/// <summary>A VAD that reports the script's speech start and stop times instead of listening.</summary>
public sealed class FakeSpeechActivity(CallScript script, TimeProvider clock, DateTimeOffset origin) : ISpeechActivitySource
{
    public async IAsyncEnumerable<SpeechActivity> ListenAsync(IAsyncEnumerable<AudioFrame> callerAudio,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var utterance in script.Caller.Utterances.Where(u => u.Detected))
        {
            await ClockDelays.Until(clock, origin, utterance.From, cancellationToken);
            yield return new SpeechActivity(true);
            await ClockDelays.Until(clock, origin, utterance.To, cancellationToken);
            yield return new SpeechActivity(false);
        }
    }
}
