using Parley.Core.Calls.Session;

namespace Parley.Core.Tests.Calls.Session;

public class SpokenWordsTests
{
    [Theory]
    [InlineData(0, "")]
    [InlineData(500, "Once")]
    [InlineData(530, "Once upon")]
    [InlineData(650, "Once upon a")]
    [InlineData(1000, "Once upon a time.")]
    public void A_reply_is_cut_to_the_whole_words_played(int playedMs, string expected)
    {
        // 17 characters over 1 s: 58.8 ms per character.
        Assert.Equal(expected, SpokenWords.PlayedPrefix("Once upon a time.", TimeSpan.FromMilliseconds(playedMs), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Acknowledgements_match_only_when_the_whole_utterance_is_made_of_them()
    {
        string[] phrases = ["okay", "yeah sure", "uh-huh"];
        Assert.True(SpokenWords.OnlyPhrases("Okay, uh-huh.", phrases));
        Assert.True(SpokenWords.OnlyPhrases("yeah sure", phrases));
        Assert.False(SpokenWords.OnlyPhrases("okay but wait", phrases));
    }

    [Fact]
    public void Interruption_phrases_match_whole_words_only()
    {
        string[] phrases = ["stop", "hold on"];
        Assert.True(SpokenWords.ContainsPhrase("Please, stop!", phrases));
        Assert.True(SpokenWords.ContainsPhrase("hold on a second", phrases));
        Assert.False(SpokenWords.ContainsPhrase("unstoppable", phrases));
    }
}
