using Parley.Core.Calls.Turns;

namespace Parley.Core.Tests.Calls.Turns;

public class InterruptionPolicyTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(0.1);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(0.2);

    [Fact]
    public void With_defaults_voice_for_voiceSeconds_interrupts()
    {
        var policy = new InterruptionPolicy();
        Assert.Equal(InterruptionVerdict.NotYet, policy.Decide("", Short).Verdict);
        var decision = policy.Decide("", Long);
        Assert.Equal(new InterruptionDecision(InterruptionVerdict.Interrupt, InterruptionReason.VoiceDuration, TimeSpan.FromSeconds(1)), decision);
    }

    [Theory]
    [InlineData("okay")]
    [InlineData("Yeah, okay.")]
    [InlineData("mm-hmm")]
    [InlineData("I see, right")]
    [InlineData("I'm listening")]
    public void Acknowledgements_never_interrupt(string transcript)
    {
        var decision = new InterruptionPolicy().Decide(transcript, TimeSpan.FromSeconds(2));
        Assert.Equal(InterruptionVerdict.Acknowledgement, decision.Verdict);
        Assert.False(decision.ShouldInterrupt);
    }

    [Theory]
    [InlineData("wait")]
    [InlineData("okay but")]
    [InlineData("Don't do that")]
    [InlineData("Actually")]
    public void Interruption_phrases_interrupt_at_once(string transcript)
    {
        var policy = new InterruptionPolicy(new StopSpeakingOptions { NumWords = 5, VoiceSeconds = 0.5 });
        var decision = policy.Decide(transcript, TimeSpan.Zero);
        Assert.Equal(InterruptionVerdict.Interrupt, decision.Verdict);
        Assert.Equal(InterruptionReason.InterruptionPhrase, decision.Reason);
    }

    [Fact]
    public void With_numWords_the_word_count_decides_and_voice_alone_does_not()
    {
        var policy = new InterruptionPolicy(new StopSpeakingOptions { NumWords = 3, BackoffSeconds = 2 });
        Assert.Equal(InterruptionVerdict.NotYet, policy.Decide("", TimeSpan.FromSeconds(3)).Verdict);
        Assert.Equal(InterruptionVerdict.NotYet, policy.Decide("I think", TimeSpan.FromSeconds(3)).Verdict);
        Assert.Equal(new InterruptionDecision(InterruptionVerdict.Interrupt, InterruptionReason.WordCount, TimeSpan.FromSeconds(2)),
            policy.Decide("I think that", TimeSpan.Zero));
    }

    [Fact]
    public void Custom_phrase_lists_replace_the_defaults()
    {
        var policy = new InterruptionPolicy(new StopSpeakingOptions { NumWords = 2, InterruptionPhrases = ["hang on"], AcknowledgementPhrases = ["cool"] });
        Assert.Equal(InterruptionReason.InterruptionPhrase, policy.Decide("hang on", TimeSpan.Zero).Reason);
        Assert.Equal(InterruptionVerdict.Acknowledgement, policy.Decide("cool cool", TimeSpan.Zero).Verdict);
        Assert.Equal(InterruptionVerdict.NotYet, policy.Decide("wait", TimeSpan.Zero).Verdict); // no longer an interruption phrase
    }
}
