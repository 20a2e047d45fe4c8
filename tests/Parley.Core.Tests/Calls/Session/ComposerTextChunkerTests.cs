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

        Assert.Equal(["It"], chunker.Push("It co"));
        Assert.Equal(["costs $5."], chunker.Push("sts $5. Tha"));
        Assert.Empty(chunker.Push("nks."));
        Assert.Equal("Thanks.", chunker.Flush());
    }

    [Fact]
    public void With_chunking_off_flush_tags_are_removed_even_split_across_tokens()
    {
        var chunker = new ComposerTextChunker(new ChunkPlan { Enabled = false });

        // Nothing from the '<' on goes out until it is known not to be half a tag.
        Assert.Equal(["One moment"], chunker.Push("One moment <fl"));
        Assert.Equal(["while I"], chunker.Push("ush/> while I look."));
        Assert.Equal("look.", chunker.Flush());
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
