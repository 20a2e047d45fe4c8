using Parley.Core.Calls.Composer;
using Parley.Core.Calls.Session;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: the composer the session uses cuts at boundaries once minCharacters is reached, sends flush-tagged
// text at once, formats each chunk for speech, and with chunking off hands over the whole reply unformatted.
public class ComposerTextChunkerTests
{
    [Fact]
    public void Chunks_are_cut_at_boundaries_and_formatted_for_speech()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan { MinCharacters = 10 });

        var first = chunker.Push("Your total is $42.50 for **two** items. And ");
        var rest = chunker.Flush();

        Assert.Equal(["Your total is forty two dollars and fifty cents for two items."], first);
        Assert.Equal("And", rest);
    }

    [Fact]
    public void A_flush_tag_sends_the_text_before_it_at_once()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan());

        Assert.Equal(["One moment"], chunker.Push("One moment<flush/> while I look that up"));
        Assert.Equal("while I look that up", chunker.Flush());
    }

    [Fact]
    public void With_chunking_off_the_text_goes_as_it_comes_in_whole_words_unformatted()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan { Enabled = false });

        // Under 40 characters nothing goes; then everything up to the last space, unformatted ($5 stays $5).
        Assert.Empty(chunker.Push("It costs $5. Thanks for cal"));
        Assert.Equal(["It costs $5. Thanks for calling the bakery"], chunker.Push("ling the bakery tod"));
        Assert.Empty(chunker.Push("ay."));
        Assert.Equal("today.", chunker.Flush());
    }

    [Fact]
    public void With_chunking_off_flush_tags_are_removed_even_split_across_tokens()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan { Enabled = false });

        // Nothing from the '<' on goes out until it is known not to be half a tag.
        Assert.Equal(["Let me look that up for you right away now"], chunker.Push("Let me look that up for you right away now <fl"));
        Assert.Empty(chunker.Push("ush/> while I check."));
        Assert.Equal("while I check.", chunker.Flush());
    }

    [Fact]
    public void With_chunking_off_text_without_spaces_goes_on_in_pieces()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan { Enabled = false });
        var sentence = string.Concat(Enumerable.Repeat("我们九点开门。", 20));

        var pieces = sentence.Select(c => chunker.Push(c.ToString())).SelectMany(p => p).ToList();

        Assert.True(pieces.Count >= 2, $"{pieces.Count} pieces came out before the end");
        Assert.Equal(sentence, string.Concat(pieces) + chunker.Flush());
    }
}
