using Parley.Core.Calls.Vad;

namespace Parley.Bench.Calls;

/// <summary>
/// The waits the bench sets on purpose: provider latencies and the VAD's stop time. Everything above their critical
/// path is what Parley (and the loopback network, and the shared CPU) adds.
/// </summary>
public sealed record BenchLatencies
{
    public TimeSpan SttFinal { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan LlmFirstToken { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan TtsFirstByte { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Audio length the fake voice makes per character: about a talker's 15-20 characters a second.</summary>
    public TimeSpan TtsPerCharacter { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>stopSpeakingPlan.voiceSeconds of the bench assistant.</summary>
    public TimeSpan VoiceSeconds { get; init; } = TimeSpan.FromMilliseconds(200);

    public VadOptions Vad { get; init; } = new();

    /// <summary>
    /// The gated STT sees the end one 20 ms frame late (the first quiet frame) and answers after its latency; that
    /// runs alongside the VAD's stop wait, so only the longer of the two is on the path to the reply.
    /// </summary>
    public TimeSpan TurnEndPath => Max(TimeSpan.FromSeconds(Vad.StopSeconds), TimeSpan.FromMilliseconds(20) + SttFinal);

    /// <summary>Set waits between the caller's last word and the reply's first frame: turn end, first token, first byte.</summary>
    public TimeSpan ReplyPath => TurnEndPath + LlmFirstToken + TtsFirstByte;

    /// <summary>
    /// The 20 ms frames of every bench reply: both sentences of the fake model, voiced at the fake voice's rate as one
    /// chunk of their untrimmed length (the chunker joins them under minCharacters 30): 46 characters, 115 frames.
    /// </summary>
    public int ReplyFrames => (int)Math.Ceiling((TimedChatModel.FirstSentence.Length + TimedChatModel.SecondSentence.Length)
        * TtsPerCharacter.Ticks / (double)TimeSpan.FromMilliseconds(20).Ticks);

    /// <summary>
    /// One cycle of the caller's script (<see cref="BenchCaller"/>): three utterances, two replies heard out with a
    /// pause after each, and one reply interrupted part-way in: about 11.4 s at the defaults.
    /// </summary>
    public TimeSpan ScriptCycle
    {
        get
        {
            var utterance = TimeSpan.FromMilliseconds(20 * CallerAudio.UtteranceFrames);
            var reply = TimeSpan.FromMilliseconds(20 * ReplyFrames);
            return 3 * utterance + 2 * (ReplyPath + reply + BenchCaller.PauseAfterReply) + ReplyPath + BenchCaller.BargeInAfter;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
