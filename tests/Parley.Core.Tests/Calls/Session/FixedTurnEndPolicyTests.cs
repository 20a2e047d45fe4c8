using Parley.Core.Calls.Session;

namespace Parley.Core.Tests.Calls.Session;

public class FixedTurnEndPolicyTests
{
    private static readonly TranscriptionEndpointing Plan = new(TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(0.5));

    [Theory]
    [InlineData("I want a pizza.", 0.5)]
    [InlineData("I want a pizza", 1.9)]
    [InlineData("my number is 42", 0.9)]
    public void Transcription_endpointing_adds_its_wait_by_how_the_transcript_ends(string transcript, double seconds)
    {
        var wait = new FixedTurnEndPolicy(TimeSpan.FromSeconds(0.4), Plan).WaitAfterCallerStopped(transcript);

        Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
    }

    [Fact]
    public void Without_a_transcription_plan_the_wait_is_waitSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(0.4), new FixedTurnEndPolicy(TimeSpan.FromSeconds(0.4)).WaitAfterCallerStopped("I want a pizza"));
    }
}
