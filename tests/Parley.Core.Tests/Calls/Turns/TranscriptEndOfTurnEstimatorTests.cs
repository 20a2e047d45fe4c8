using Parley.Core.Calls.Turns;

namespace Parley.Core.Tests.Calls.Turns;

public class TranscriptEndOfTurnEstimatorTests
{
    [Theory]
    [InlineData("Can you help me?", TranscriptEndOfTurnEstimator.Question)]
    [InlineData("I want to cancel my order.", TranscriptEndOfTurnEstimator.Statement)]
    [InlineData("I want to cancel my order and", TranscriptEndOfTurnEstimator.Continuation)]
    [InlineData("so um", TranscriptEndOfTurnEstimator.Continuation)]
    [InlineData("It's because", TranscriptEndOfTurnEstimator.Continuation)]
    [InlineData("my number is 555 12", TranscriptEndOfTurnEstimator.Number)]
    [InlineData("my number is five five five one two", TranscriptEndOfTurnEstimator.Number)]
    [InlineData("I need eggs, milk,", TranscriptEndOfTurnEstimator.Comma)]
    [InlineData("I was thinking...", TranscriptEndOfTurnEstimator.Comma)]
    [InlineData("I want to cancel my order", TranscriptEndOfTurnEstimator.Unpunctuated)]
    public void The_text_sets_how_likely_the_caller_goes_on(string transcript, double expected)
    {
        var estimator = new TranscriptEndOfTurnEstimator();
        Assert.Equal(expected, estimator.ProbabilityStillSpeaking(transcript, TimeSpan.Zero), 12);
    }

    [Fact]
    public void A_longer_pause_lowers_the_probability()
    {
        var estimator = new TranscriptEndOfTurnEstimator();
        double atZero = estimator.ProbabilityStillSpeaking("and", TimeSpan.Zero);
        double atThree = estimator.ProbabilityStillSpeaking("and", TimeSpan.FromSeconds(3));
        Assert.Equal(0.9 / Math.E, atThree, 12);
        Assert.True(atThree < atZero);
    }
}
